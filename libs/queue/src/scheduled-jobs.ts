import type { DataSource, EntityManager } from 'typeorm';
import { assertJobId, JobName, NOTICE_REMINDER_SCAN_SCHEDULER_ID, QueueName, REMINDER_SCAN_SCHEDULER_ID, WEEKLY_REPORT_SCHEDULER_ID } from './queue-names';

/**
 * The scheduled jobs (a daily scan, the Monday report) and their run records
 * (`job_runs`), shared by the worker (which runs, retries and catches them up)
 * and the API (which lists runs and starts one on demand).
 *
 * A scheduled occurrence — a day for the scans, the ISO week a report covers —
 * counts as done only when a run of it has completed: the BullMQ job that the
 * scheduler produces is just a trigger, the row in job_runs is the truth, and
 * the worker's watchdog re-adds a run whose job stalled, failed or vanished.
 */
export const SCHEDULED_JOB_NAMES = ['reminder-scan', 'notice-reminder-scan', 'weekly-report'] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOB_NAMES)[number];

export interface ScheduledJobSpec {
  /** BullMQ queue and job name of a run. */
  queue: QueueName;
  jobName: JobName & ('reminder-scan' | 'notice-reminder-scan' | 'build-weekly-report');
  /** daily: the occurrence is a calendar date (YYYY-MM-DD, Asia/Shanghai); weekly: an ISO week (2026-W47). */
  cadence: 'daily' | 'weekly';
  /** The BullMQ job scheduler that triggers it (the worker's JobSchedules keeps every one in Redis). */
  schedulerId: string;
  /** When it fires: at the reminder rules' sendAt every day, or at WEEKLY_REPORT_CRON. Both in Asia/Shanghai. */
  timing: 'reminder-send-time' | 'weekly-report-cron';
  description: string;
}

export const SCHEDULED_JOBS: Readonly<Record<ScheduledJobName, ScheduledJobSpec>> = {
  'reminder-scan': {
    queue: 'reminder-scan',
    jobName: 'reminder-scan',
    cadence: 'daily',
    schedulerId: REMINDER_SCAN_SCHEDULER_ID,
    timing: 'reminder-send-time',
    description: '催办: plans and queues today’s milestone reminders (and those of every daily planner on the delivery core)',
  },
  'notice-reminder-scan': {
    queue: 'notice-reminders',
    jobName: 'notice-reminder-scan',
    cadence: 'daily',
    schedulerId: NOTICE_REMINDER_SCAN_SCHEDULER_ID,
    timing: 'reminder-send-time',
    description: '督办单催办: plans and queues today’s supervision-notice reminders',
  },
  'weekly-report': {
    queue: 'weekly-reports',
    jobName: 'build-weekly-report',
    cadence: 'weekly',
    schedulerId: WEEKLY_REPORT_SCHEDULER_ID,
    timing: 'weekly-report-cron',
    description: '周报: builds the last completed ISO week’s report',
  },
};

export function isScheduledJobName(name: string): name is ScheduledJobName {
  return (SCHEDULED_JOB_NAMES as readonly string[]).includes(name);
}

export type JobRunStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';
export type JobRunTrigger = 'schedule' | 'catch-up' | 'manual';

export interface JobRun {
  id: string;
  job: ScheduledJobName;
  occurrence: string;
  kind: 'scheduled' | 'manual';
  trigger: JobRunTrigger;
  status: JobRunStatus;
  attempts: number;
  generation: number;
  queueJobId: string | null;
  counts: Record<string, unknown> | null;
  error: string | null;
  requestedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What a run's BullMQ job carries (besides the job's own trigger fields). */
export interface JobRunPayload {
  runId?: string;
}

/** The BullMQ job id of a run's n-th job: the same in every process, so BullMQ keeps one. */
export function jobRunJobId(runId: string, generation: number): string {
  return assertJobId(`job-run-${runId}-${generation}`);
}

const COLUMNS = `id, job, occurrence, kind, trigger, status, attempts, generation, queue_job_id AS "queueJobId", counts, error,
  requested_by AS "requestedBy", created_at AS "createdAt", updated_at AS "updatedAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

type Db = DataSource | EntityManager;

/** The SQL of job_runs, in one place. */
export class JobRunStore {
  constructor(private readonly db: Db) {}

  async get(id: string, db: Db = this.db): Promise<JobRun | undefined> {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM job_runs WHERE id = $1`, [id]);
    return row;
  }

  /** The run of a scheduled occurrence, created if missing (one row per occurrence, whoever asks first). */
  async ensureScheduled(job: ScheduledJobName, occurrence: string, trigger: 'schedule' | 'catch-up'): Promise<JobRun> {
    await this.db.query(
      `INSERT INTO job_runs (job, occurrence, kind, trigger) VALUES ($1, $2, 'scheduled', $3)
       ON CONFLICT (job, occurrence) WHERE kind = 'scheduled' DO NOTHING`,
      [job, occurrence, trigger],
    );
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM job_runs WHERE job = $1 AND occurrence = $2 AND kind = 'scheduled'`, [job, occurrence]);
    return row;
  }

  /** A run asked for outside the schedule (an admin, a job added by hand), with its first BullMQ job id when known. */
  async createManual(job: ScheduledJobName, occurrence: string, options: { requestedBy?: string | null; queueJobId?: string } = {}): Promise<JobRun> {
    const [row] = await this.db.query(
      `INSERT INTO job_runs (job, occurrence, kind, trigger, requested_by, queue_job_id, generation)
       VALUES ($1, $2, 'manual', 'manual', $3, $4, $5) RETURNING ${COLUMNS}`,
      [job, occurrence, options.requestedBy ?? null, options.queueJobId ?? null, options.queueJobId ? 1 : 0],
    );
    return row;
  }

  /** The manual run of this job and occurrence still queued or running, if any. */
  async unfinishedManual(job: ScheduledJobName, occurrence: string): Promise<JobRun | undefined> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM job_runs WHERE job = $1 AND occurrence = $2 AND kind = 'manual' AND status IN ('queued', 'running') ORDER BY created_at DESC LIMIT 1`,
      [job, occurrence],
    );
    return row;
  }

  async list(filter: { job?: ScheduledJobName; page: number; pageSize: number }): Promise<{ items: JobRun[]; total: number }> {
    const where = filter.job ? `WHERE job = $1` : '';
    const params: unknown[] = filter.job ? [filter.job] : [];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM job_runs ${where}`, params);
    const items = await this.db.query(
      `SELECT ${COLUMNS} FROM job_runs ${where} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items, total };
  }

  /** The newest run of every job (for health). */
  async lastPerJob(): Promise<JobRun[]> {
    return this.db.query(`SELECT DISTINCT ON (job) ${COLUMNS} FROM job_runs ORDER BY job, created_at DESC`);
  }
}
