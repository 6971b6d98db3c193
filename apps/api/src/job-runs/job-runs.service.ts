import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/calendar';
import { isScheduledJobName, JobRun, jobRunJobId, JobRunStore, SCHEDULED_JOB_NAMES, SCHEDULED_JOBS } from '@app/queue';
import { lastCompletedIsoWeek, parseIsoWeek } from '@app/reporting';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { Page } from '../common/pagination';
import { AdminQueues } from '../queue-admin/admin-queues';
import { JobRunPage, JobRunResponse, StartedJobRunResponse } from './dto/job-run.response';
import { ListJobRunsQuery } from './dto/list-job-runs.query';
import { RunJobBody } from './dto/run-job.body';
import { JobRunErrors } from './job-run.errors';

const ADD_TIMEOUT_MS = 3000;

/**
 * The runs of the scheduled jobs (reminder scan, notice-reminder scan, weekly
 * report) as the worker records them, and a manual run now (admin). A manual
 * run is a job_runs row plus a BullMQ job for it; if Redis does not take the
 * job, the row stays queued and the worker's watchdog adds it — the 202 holds.
 * Scans are idempotent (the reminder identity), so a second run the same day
 * plans nothing twice and sends nothing twice.
 */
@Injectable()
export class JobRunsService {
  private readonly logger = new Logger(JobRunsService.name);
  private readonly store: JobRunStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: AdminQueues,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.store = new JobRunStore(dataSource);
  }

  async list(query: ListJobRunsQuery): Promise<JobRunPage> {
    const { items, total } = await this.store.list({ job: query.job, page: query.page, pageSize: query.pageSize });
    return Page.of(items.map(toResponse), total, query) as JobRunPage;
  }

  async get(id: string): Promise<JobRunResponse> {
    const run = await this.store.get(id);
    if (!run) throw JobRunErrors.runNotFound(id);
    return toResponse(run);
  }

  async start(principal: Principal, name: string, body: RunJobBody): Promise<StartedJobRunResponse> {
    if (!isScheduledJobName(name)) {
      throw JobRunErrors.scheduledJobNotFound(name, SCHEDULED_JOB_NAMES);
    }
    const spec = SCHEDULED_JOBS[name];
    if (body.isoWeek !== undefined && spec.cadence !== 'weekly') throw Errors.validation([{ field: 'isoWeek', reason: `${name} runs for today; isoWeek is for weekly-report` }]);
    const today = this.clock.today();
    let occurrence = today;
    if (spec.cadence === 'weekly') {
      const week = body.isoWeek ? parseIsoWeek(body.isoWeek) : lastCompletedIsoWeek(today);
      if (!week) throw JobRunErrors.invalidIsoWeek(`${body.isoWeek} is not an ISO week`, 'no such ISO week');
      if (week.end >= today) throw JobRunErrors.invalidIsoWeek(`The week ${week.name} has not ended yet`, 'the week has not ended');
      occurrence = week.name;
    }

    const run = await this.dataSource.transaction(async (manager) => {
      // One manual run of a job and occurrence at a time: serialise the check with a transaction-scoped lock.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('job-run-manual'), hashtext($1))`, [`${name}/${occurrence}`]);
      const store = new JobRunStore(manager);
      const running = await store.unfinishedManual(name, occurrence);
      if (running) {
        throw JobRunErrors.runInProgress(name, occurrence, running);
      }
      const created = await store.createManual(name, occurrence, { requestedBy: principal.kind === 'user' ? principal.id : null });
      const jobId = jobRunJobId(created.id, 1);
      await manager.query(`UPDATE job_runs SET generation = 1, queue_job_id = $2 WHERE id = $1`, [created.id, jobId]);
      await this.audit.record(manager, principal, { action: 'run', entityType: 'job_run', entityId: created.id, before: null, after: { job: name, occurrence } });
      return { ...created, queueJobId: jobId };
    });

    const queue = this.queues.get(spec.queue)!;
    const data = { trigger: 'manual', runId: run.id, ...(spec.cadence === 'weekly' ? { isoWeek: occurrence } : {}) };
    await withTimeout(queue.add(spec.jobName, data, { jobId: run.queueJobId }), ADD_TIMEOUT_MS).catch((error: Error) =>
      // The row is queued: the worker's watchdog adds its job once Redis answers.
      this.logger.warn(`run ${run.id} of ${name}: could not add its job now (${error.message}); the worker will`),
    );
    return { id: run.id, job: name, occurrence, status: run.status };
  }
}

function toResponse(run: JobRun): JobRunResponse {
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return {
    id: run.id,
    job: run.job,
    occurrence: run.occurrence,
    kind: run.kind,
    trigger: run.trigger,
    status: run.status,
    attempts: run.attempts,
    counts: run.counts,
    error: run.error,
    requestedBy: run.requestedBy,
    createdAt: new Date(run.createdAt).toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
