import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import { JobRun, jobRunJobId, JobRunPayload, JobRunStore, QueueRegistry, SCHEDULED_JOBS, ScheduledJobName } from '@app/queue';
import { PollingLoop, PollingPace } from '../common/polling-loop';
import type { ScheduledJobDefinition } from './scheduled-job';

/** BullMQ states in which a job will still run (or is running). */
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused']);
/** A run whose job was added this recently is left alone (its producer may still be adding it). */
const GRACE_SECONDS = 10;
/** How far back unfinished runs are driven on (a weekly report that keeps failing stops being retried after this). */
const RETRY_WINDOW_DAYS = 14;

export type JobRunResult<T> = (T & { runId: string }) | { status: 'skipped'; runId?: string; reason: string };

/**
 * Runs of the scheduled jobs, recorded in job_runs, and the watchdog that makes
 * sure each one completes.
 *
 * * A job's handler runs its work through `execute`: the run's row is claimed
 *   (running, attempts + 1), the work runs, the row becomes done with the
 *   work's counts — or failed with the error, and the error goes to BullMQ,
 *   which retries with backoff. A run already done is not run again.
 * * The watchdog (at boot and every JOB_WATCHDOG_INTERVAL_MS, in every worker)
 *   first catches up: for each job whose schedule has passed an occurrence
 *   without a run, it records one (`catch-up`; one row per occurrence however
 *   many workers try). Then, for every unfinished run whose BullMQ job is gone,
 *   failed (attempts used up, or stalled more often than BullMQ allows — a
 *   worker killed twice during a scan) or was never added, it adds the next job
 *   `job-run-<id>-<generation+1>` with a fresh attempt budget. The row is
 *   locked (FOR UPDATE SKIP LOCKED) while it looks and adds, and the id is the
 *   same in every process, so one job is added. A daily run whose day ended
 *   before it completed becomes `expired` (today's run reminds of what is
 *   still due).
 */
@Injectable()
export class JobRuns extends PollingLoop {
  protected readonly what = 'job-run watchdog';
  private readonly definitions = new Map<ScheduledJobName, ScheduledJobDefinition>();
  private readonly store: JobRunStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {
    super();
    this.store = new JobRunStore(dataSource);
  }

  register(definition: ScheduledJobDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`scheduled job ${definition.name} registered twice`);
    this.definitions.set(definition.name, definition);
  }

  lastPerJob(): Promise<JobRun[]> {
    return this.store.lastPerJob();
  }

  /** Runs a scheduled job's work under its run record; see the class comment. */
  async execute<T extends object>(name: ScheduledJobName, job: Job<JobRunPayload & { trigger?: string }>, work: (occurrence: string) => Promise<T>): Promise<JobRunResult<T>> {
    const run = await this.runFor(name, job);
    if (!run) return { status: 'skipped', runId: job.data.runId, reason: 'no such run' };
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
    const [[claimed]]: [JobRun[], number] = await this.dataSource.query(
      `UPDATE job_runs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), queue_job_id = $2, error = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running', 'failed')
        RETURNING occurrence`,
      [run.id, job.id ?? null],
    );
    if (!claimed) return { status: 'skipped', runId: run.id, reason: `run already ${run.status}` };
    if (SCHEDULED_JOBS[name].cadence === 'daily' && run.occurrence !== this.clock.today()) {
      await this.expire(run.id);
      return { status: 'skipped', runId: run.id, reason: `the day ${run.occurrence} is over` };
    }
    try {
      const counts = await work(run.occurrence);
      await this.dataSource.query(`UPDATE job_runs SET status = 'done', counts = $2, finished_at = now(), error = NULL, updated_at = now() WHERE id = $1`, [
        run.id,
        JSON.stringify(counts),
      ]);
      return { ...counts, runId: run.id };
    } catch (error) {
      await this.dataSource
        .query(`UPDATE job_runs SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status = 'running'`, [
          run.id,
          ((error as Error).message ?? String(error)).slice(0, 2000),
        ])
        .catch((recordError: Error) => this.logger.error({ err: recordError }, `could not record the failure of run ${run.id}`));
      throw error;
    }
  }

  /** The run a job works for: its runId; a scheduler tick's occurrence; or a new manual run for a job added by hand. */
  private async runFor(name: ScheduledJobName, job: Job<JobRunPayload & { trigger?: string }>): Promise<JobRun | undefined> {
    if (job.data.runId) return this.store.get(job.data.runId);
    const occurrence = this.definition(name).occurrenceOf(job);
    if (job.data.trigger === 'schedule') return this.store.ensureScheduled(name, occurrence, 'schedule');
    const [existing]: JobRun[] = await this.dataSource.query(`SELECT id, occurrence, status FROM job_runs WHERE queue_job_id = $1 AND job = $2`, [job.id, name]);
    return existing ?? this.store.createManual(name, occurrence, { queueJobId: job.id });
  }

  private definition(name: ScheduledJobName): ScheduledJobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`scheduled job ${name} is not registered in this worker`);
    return definition;
  }

  /** The watchdog's round (PollingLoop, at boot and every JOB_WATCHDOG_INTERVAL_MS). */
  protected async poll(): Promise<boolean> {
    await this.pass();
    return false;
  }

  protected pace(): PollingPace {
    return { idleMs: this.config.JOB_WATCHDOG_INTERVAL_MS };
  }

  /** One round: catch up missed occurrences, then drive every unfinished run to a live job. */
  async pass(): Promise<void> {
    if (this.config.REMINDER_CATCH_UP) {
      for (const definition of this.definitions.values()) {
        const occurrence = await definition.dueOccurrence(this.clock.now());
        if (occurrence) await this.store.ensureScheduled(definition.name, occurrence, 'catch-up');
      }
    }
    const unfinished: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM job_runs
        WHERE status IN ('queued', 'running', 'failed') AND created_at > now() - make_interval(days => $1)
          AND job = ANY($2::varchar[])
          AND (queue_job_id IS NULL OR updated_at < now() - make_interval(secs => $3))
        ORDER BY created_at`,
      [RETRY_WINDOW_DAYS, [...this.definitions.keys()], GRACE_SECONDS],
    );
    for (const { id } of unfinished) {
      if (this.stopped) return;
      await this.ensureLive(id).catch((error: Error) => this.logger.warn(`job run ${id}: could not re-add its job: ${error.message}`));
    }
  }

  private async ensureLive(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [run]: JobRun[] = await manager.query(
        `SELECT id, job, occurrence, trigger, status, generation, queue_job_id AS "queueJobId" FROM job_runs
          WHERE id = $1 AND status IN ('queued', 'running', 'failed') FOR UPDATE SKIP LOCKED`,
        [id],
      );
      if (!run) return; // another worker has it, or it finished meanwhile
      if (SCHEDULED_JOBS[run.job].cadence === 'daily' && run.occurrence < this.clock.today()) {
        await manager.query(
          `UPDATE job_runs SET status = 'expired', finished_at = now(), updated_at = now(),
                  error = coalesce(error, 'the day ended before the run completed; the next day’s scan reminds of what is still due') WHERE id = $1`,
          [id],
        );
        return;
      }
      const queue = this.queues.queue(SCHEDULED_JOBS[run.job].queue);
      if (run.queueJobId && LIVE_STATES.has(await queue.getJobState(run.queueJobId))) return;
      const generation = run.generation + 1;
      const jobId = jobRunJobId(run.id, generation);
      await queue.add(SCHEDULED_JOBS[run.job].jobName, { trigger: run.trigger, runId: run.id }, { jobId });
      await manager.query(`UPDATE job_runs SET generation = $2, queue_job_id = $3, updated_at = now() WHERE id = $1`, [id, generation, jobId]);
      this.logger.log(`job run ${run.job} ${run.occurrence} (${run.status}, job ${run.queueJobId ?? 'none'} gone): added ${jobId}`);
    });
  }

  private async expire(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_runs SET status = 'expired', finished_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }
}
