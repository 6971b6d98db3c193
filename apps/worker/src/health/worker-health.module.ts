import { Module } from '@nestjs/common';
import { WorkerHealthServer } from './worker-health.server';

@Module({ providers: [WorkerHealthServer] })
export class WorkerHealthModule {}
