import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { WorkerHealthServer } from './worker-health.server';

@Module({ imports: [QueueModule], providers: [WorkerHealthServer], exports: [WorkerHealthServer] })
export class WorkerHealthModule {}
