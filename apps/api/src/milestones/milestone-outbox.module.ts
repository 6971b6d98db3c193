import { Module } from '@nestjs/common';
import { MilestoneOutbox } from './milestone-outbox';

/** The outbox writer on its own, so milestones and deadline changes share it without importing each other. */
@Module({ providers: [MilestoneOutbox], exports: [MilestoneOutbox] })
export class MilestoneOutboxModule {}
