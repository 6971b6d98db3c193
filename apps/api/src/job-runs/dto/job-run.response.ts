import { ApiProperty } from '@nestjs/swagger';
import { SCHEDULED_JOB_NAMES } from '@app/queue';
import { Page } from '../../common/pagination';

/** One run of a scheduled job (job_runs). */
export class JobRunResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: SCHEDULED_JOB_NAMES, example: 'reminder-scan' })
  job: string;

  @ApiProperty({ example: '2026-10-13', description: 'The day (scans, Asia/Shanghai) or ISO week (weekly-report) the run is for' })
  occurrence: string;

  @ApiProperty({ enum: ['scheduled', 'manual'], description: 'scheduled: the one run of a scheduled occurrence; manual: asked for by an admin' })
  kind: string;

  @ApiProperty({ enum: ['schedule', 'catch-up', 'manual'], description: 'catch-up: the worker found the occurrence missed (it was down at the scheduled minute)' })
  trigger: string;

  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed', 'expired'], description: 'failed: the last attempt failed; it is retried until done. expired: a day ended before its scan completed' })
  status: string;

  @ApiProperty({ example: 1, description: 'Attempts started (a worker killed mid-run makes another)' })
  attempts: number;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { status: 'done', today: '2026-10-13', milestones: 412, reminders: 1380, inserted: 1380, enqueued: 1380 } })
  counts: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The admin who asked for a manual run' })
  requestedBy: string | null;

  @ApiProperty({ example: '2026-10-13T00:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-10-13T00:30:00.120Z' })
  startedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-10-13T00:30:04.870Z' })
  finishedAt: string | null;
}

export class JobRunPage extends Page<JobRunResponse> {
  @ApiProperty({ type: [JobRunResponse] })
  declare items: JobRunResponse[];
}

export class StartedJobRunResponse {
  @ApiProperty({ format: 'uuid', description: 'GET /api/v1/admin/job-runs/{id} shows its status and counts' })
  id: string;

  @ApiProperty({ example: 'reminder-scan' })
  job: string;

  @ApiProperty({ example: '2026-10-13' })
  occurrence: string;

  @ApiProperty({ example: 'queued' })
  status: string;
}
