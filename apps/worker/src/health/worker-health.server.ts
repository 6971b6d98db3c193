import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock, nextYearCalendarWarning, WorkingDayCalendar } from '@app/calendar';
import { AppConfig } from '@app/config';
import { JobRun, QUEUE_NAMES, QueueName, QueueRegistry } from '@app/queue';
import { JobRuns } from '../job-runs/job-runs.service';

export interface QueueBacklog {
  /** Waiting to run (also while the queue is paused, and prioritised jobs). */
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface WorkerHealth {
  status: 'ok' | 'error';
  postgres: { status: 'up' | 'down'; message?: string };
  redis: { status: 'up' | 'down'; message?: string };
  /** Jobs per queue; absent while Redis is down. */
  queues?: Partial<Record<QueueName, QueueBacklog>>;
  /** The newest run of each scheduled job (job_runs): status, occurrence, counts, error. */
  jobRuns?: Record<string, Pick<JobRun, 'id' | 'occurrence' | 'trigger' | 'status' | 'attempts' | 'counts' | 'error' | 'startedAt' | 'finishedAt'>>;
  /** Milestone changes (and rule changes) not yet relayed to BullMQ. */
  outbox?: { unpublished: number; oldestUnpublishedAt: string | null };
  /**
   * Whether the official holiday schedule is known for this year and the next
   * (the State Council publishes each year's in November or December). Years the
   * worker had to guess with Monday–Friday are listed in uncoveredYears.
   */
  calendar: {
    status: 'ok' | 'degraded';
    today: string;
    todayIsWorkingDay: boolean;
    currentYearCovered: boolean;
    nextYearCovered: boolean;
    coveredYears: string;
    uncoveredYears: number[];
    /** From 1 December when next year has no schedule (package or office). */
    warning: string | null;
  };
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * GET /health on WORKER_HEALTH_HOST:WORKER_HEALTH_PORT (127.0.0.1:3001 by
 * default): Postgres and Redis reachability (200 or 503), queue backlog, outbox
 * backlog and calendar coverage. The worker has no other HTTP surface. With
 * WORKER_HEALTH_TOKEN set, a request without `Authorization: Bearer <token>`
 * gets a bare 401 and learns nothing.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;
  private readonly redis: Redis;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly runs: JobRuns,
  ) {
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  /** The port the server listens on (WORKER_HEALTH_PORT, or the one the OS chose for 0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  /** The address the server listens on (WORKER_HEALTH_HOST). */
  get address(): string | undefined {
    return (this.server?.address() as AddressInfo | null)?.address;
  }

  /** Whether the request may see the report: always without a token configured, else only with the exact token. */
  private admits(request: IncomingMessage): boolean {
    const token = this.config.WORKER_HEALTH_TOKEN;
    if (!token) return true;
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    // Equal-length digests, so the comparison takes the same time whatever was sent.
    const digest = (value: string) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(presented), digest(token));
  }

  async check(): Promise<WorkerHealth> {
    const postgres = await withTimeout(this.dataSource.query('SELECT 1'))
      .then(() => ({ status: 'up' as const }))
      .catch((error: Error) => ({ status: 'down' as const, message: error.message }));
    const redis = await withTimeout(
      (async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        await this.redis.ping();
      })(),
    )
      .then(() => ({ status: 'up' as const }))
      .catch((error: Error) => ({ status: 'down' as const, message: error.message }));
    const status = postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'error';
    const health: WorkerHealth = { status, postgres, redis, calendar: this.calendarCoverage() };
    if (redis.status === 'up') health.queues = await this.queueBacklog().catch(() => undefined);
    if (postgres.status === 'up') health.outbox = await this.outboxBacklog().catch(() => undefined);
    if (postgres.status === 'up') health.jobRuns = await this.lastRuns().catch(() => undefined);
    return health;
  }

  private async queueBacklog(): Promise<Partial<Record<QueueName, QueueBacklog>>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const counts = await withTimeout(this.queues.queue(name).getJobCounts('waiting', 'paused', 'prioritized', 'active', 'delayed', 'failed'));
        const backlog: QueueBacklog = {
          waiting: (counts.waiting ?? 0) + (counts.paused ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
        };
        return [name, backlog] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  private async lastRuns(): Promise<WorkerHealth['jobRuns']> {
    const runs = await withTimeout(this.runs.lastPerJob());
    return Object.fromEntries(
      runs.map(({ job, id, occurrence, trigger, status, attempts, counts, error, startedAt, finishedAt }) => [
        job,
        { id, occurrence, trigger, status, attempts, counts, error, startedAt, finishedAt },
      ]),
    );
  }

  private async outboxBacklog(): Promise<{ unpublished: number; oldestUnpublishedAt: string | null }> {
    const [row]: Array<{ unpublished: string; oldest: Date | null }> = await withTimeout(
      this.dataSource.query(`SELECT count(*) AS unpublished, min(created_at) AS oldest FROM outbox_events WHERE published_at IS NULL`),
    );
    return { unpublished: Number(row.unpublished), oldestUnpublishedAt: row.oldest ? new Date(row.oldest).toISOString() : null };
  }

  private calendarCoverage(): WorkerHealth['calendar'] {
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    const todayIsWorkingDay = this.calendar.isWorkingDay(today);
    const covered = this.calendar.coveredYears();
    const currentYearCovered = this.calendar.isCovered(year);
    return {
      status: currentYearCovered ? 'ok' : 'degraded',
      today,
      todayIsWorkingDay,
      currentYearCovered,
      nextYearCovered: this.calendar.isCovered(year + 1),
      coveredYears: covered.length ? `${covered[0]}–${covered[covered.length - 1]}` : '',
      uncoveredYears: this.calendar.uncoveredYears(),
      warning: nextYearCalendarWarning(today, this.calendar),
    };
  }

  onApplicationBootstrap(): void {
    this.server = createServer((request, response) => {
      if (request.url !== '/health') {
        response.writeHead(404).end();
        return;
      }
      if (!this.admits(request)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
      void this.check().then((health) => {
        response.writeHead(health.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(health));
      });
    });
    this.server.listen(this.config.WORKER_HEALTH_PORT, this.config.WORKER_HEALTH_HOST, () =>
      this.logger.log(`health on ${this.config.WORKER_HEALTH_HOST}:${this.port}/health${this.config.WORKER_HEALTH_TOKEN ? ' (token required)' : ''}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.redis.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
