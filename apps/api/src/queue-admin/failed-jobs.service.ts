import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { maskWebhookUrl } from '@app/notifications';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Page } from '../common/pagination';
import { FailedJobPage, FailedJobResponse, RetriedJobResponse } from './dto/failed-job.response';
import { ListFailedJobsQuery } from './dto/list-failed-jobs.query';
import { QueueAdminErrors } from './queue-admin.errors';
import { ADMIN_QUEUE_NAMES, AdminQueues } from './admin-queues';

const SUMMARY_LENGTH = 500;
const CREDENTIAL_KEY = /secret|password|token|authorization|api[-_]?key/i;

/**
 * Failed BullMQ jobs of every queue (ADMIN_QUEUE_NAMES): the list (admins and the 督查室) and
 * a manual retry (admins). Failed jobs are kept (removeOnFail: false) for this.
 * What a failed reminder meant for its recipient is in the `reminders` table.
 */
@Injectable()
export class FailedJobsService {
  constructor(
    private readonly queues: AdminQueues,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Newest failure first; across queues the pages are merged by failure time. */
  async list(query: ListFailedJobsQuery): Promise<FailedJobPage> {
    const names = query.queue ? [query.queue] : ADMIN_QUEUE_NAMES;
    const end = query.page * query.pageSize;
    const perQueue = await Promise.all(
      names.map(async (name) => {
        const queue = this.queues.get(name)!;
        const [count, jobs] = await Promise.all([queue.getFailedCount(), queue.getFailed(0, end - 1)]);
        return { count, jobs: jobs.filter((job): job is Job => Boolean(job)).map((job) => toResponse(name, job)) };
      }),
    );
    const total = perQueue.reduce((sum, { count }) => sum + count, 0);
    const items = perQueue
      .flatMap(({ jobs }) => jobs)
      .sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '') || a.queue.localeCompare(b.queue) || a.id.localeCompare(b.id))
      .slice((query.page - 1) * query.pageSize, end);
    return Page.of(items, total, query) as FailedJobPage;
  }

  /** Moves a failed job back to waiting (BullMQ job.retry); the worker picks it up again. Audited. */
  async retry(principal: Principal, queueName: string, jobId: string): Promise<RetriedJobResponse> {
    const queue = this.queues.get(queueName);
    if (!queue) {
      throw QueueAdminErrors.queueNotFound(queueName, ADMIN_QUEUE_NAMES);
    }
    const job = await queue.getJob(jobId);
    if (!job) throw QueueAdminErrors.jobNotFound(queueName, jobId);
    const before = await job.getState();
    if (before !== 'failed') {
      throw QueueAdminErrors.jobNotFailed(jobId, before);
    }
    // The audit row commits only if the retry went through.
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(manager, principal, {
        action: 'retry',
        entityType: 'queue_job',
        entityId: `${queueName}/${jobId}`,
        before: { state: before, failedReason: job.failedReason ?? null, attemptsMade: job.attemptsMade },
        after: { state: 'waiting' },
      });
      await job.retry('failed');
    });
    return { queue: queueName, id: jobId, state: await job.getState() };
  }
}

function toResponse(queue: string, job: Job): FailedJobResponse {
  return {
    queue,
    id: String(job.id),
    name: job.name,
    dataSummary: summarise(job.data),
    failedReason: job.failedReason ?? null,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    createdAt: new Date(job.timestamp).toISOString(),
    processedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** The job data as JSON, credentials masked (keys named like secrets, tokens in URLs), cut to 500 characters. */
function summarise(data: unknown): string {
  const json = JSON.stringify(data ?? null, (key, value) => {
    if (key && CREDENTIAL_KEY.test(key) && value !== null && value !== undefined) return '****';
    if (typeof value === 'string' && /^https?:\/\//.test(value)) return maskWebhookUrl(value);
    return value;
  });
  return json.length > SUMMARY_LENGTH ? `${json.slice(0, SUMMARY_LENGTH - 1)}…` : json;
}
