import { Controller, Get, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Clock, nextYearCalendarWarning, WorkingDayCalendar } from '@app/calendar';
import { Public } from '../auth/auth.decorators';
import { ApiDoc } from '../common/api-doc.decorator';
import { RedisHealthIndicator } from './redis.health';

const INDICATORS: ApiPropertyOptions = {
  type: 'object',
  description: 'By dependency (postgres, redis): { status: up | down, message? }',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
  },
};

class OutboxHealthDto {
  @ApiProperty({ description: 'Events not yet handed to the worker\'s queues (grows while Redis is down)', example: 0 })
  unpublished!: number;
}

class CalendarHealthDto {
  @ApiProperty({ example: 2027 })
  nextYear!: number;

  @ApiProperty({ description: 'Whether next year has an official schedule (published by the office, or in the package)' })
  nextYearScheduled!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'From 1 December, when next year has no schedule: what to do' })
  warning!: string | null;
}

/** The API's health, in terminus' shape (info / error / details) with a third status, "degraded". */
export class ApiHealth {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error'],
    description: 'ok: both up. degraded: Redis down — reads and writes still work, events wait in the outbox. error: Postgres down.',
  })
  status!: 'ok' | 'degraded' | 'error';

  @ApiProperty(INDICATORS)
  info!: HealthIndicatorResult;

  @ApiProperty(INDICATORS)
  error!: HealthIndicatorResult;

  @ApiProperty(INDICATORS)
  details!: HealthIndicatorResult;

  @ApiPropertyOptional({ type: OutboxHealthDto, description: 'Absent when Postgres is down' })
  outbox?: OutboxHealthDto;

  @ApiProperty({ type: CalendarHealthDto, description: 'Next year\'s official calendar; a missing one never makes the API unhealthy' })
  calendar!: CalendarHealthDto;
}

/**
 * What a load balancer and an operator need to know. Without Redis the API
 * serves every read and write (milestone changes go to the outbox, relayed when
 * Redis returns), so that is 200 "degraded", not a reason to take the API out of
 * rotation; without Postgres it can serve nothing: 503 "error".
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  @Public()
  @Get()
  // Above ApiDoc, so that it is applied last: the 503 carries the health body, not the error shape.
  @ApiResponse({ status: 503, type: ApiHealth, description: 'status error: Postgres does not answer' })
  @ApiDoc({
    summary: 'Is the API up: 200 ok (Postgres and Redis up) or degraded (Redis down: the API still serves; events wait in the outbox); no credentials',
    type: ApiHealth,
    public: true,
    errors: [503],
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<ApiHealth> {
    const [postgres, redis] = await Promise.all([
      this.database.pingCheck('postgres', { timeout: 2000 }).catch((error: Error) => ({ postgres: { status: 'down' as const, message: error.message } })),
      this.redis.check('redis'),
    ]);
    const details = { ...postgres, ...redis };
    const up = (result: HealthIndicatorResult) => Object.values(result).every((entry) => entry.status === 'up');
    const status = !up(postgres) ? 'error' : up(redis) ? 'ok' : 'degraded';
    const health: ApiHealth = {
      status,
      info: Object.fromEntries(Object.entries(details).filter(([, entry]) => entry.status === 'up')),
      error: Object.fromEntries(Object.entries(details).filter(([, entry]) => entry.status !== 'up')),
      details,
      calendar: this.calendarHealth(),
    };
    if (status !== 'error') {
      const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`).catch(() => [undefined]);
      if (row) health.outbox = { unpublished: row.n };
    }
    reply.status(status === 'error' ? 503 : 200);
    return health;
  }

  private calendarHealth(): CalendarHealthDto {
    const today = this.clock.today();
    const nextYear = Number(today.slice(0, 4)) + 1;
    return { nextYear, nextYearScheduled: this.calendar.isCovered(nextYear), warning: nextYearCalendarWarning(today, this.calendar) };
  }
}
