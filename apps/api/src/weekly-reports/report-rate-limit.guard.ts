import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import type { Principal } from '../auth/principal';
import { WeeklyReportErrors } from './weekly-report.errors';

const WINDOW_MS = 60_000;
const THROTTLER_NAME = 'reports';

/**
 * The report routes' own, stricter limit (REPORT_RATE_LIMIT_PER_MINUTE per
 * minute), on top of the global one. Counted per caller — API key id or user
 * id, never the address, since a city platform and a whole office may share
 * one — in the throttler's storage. Runs after the global auth guard, so the
 * principal is known. Over the limit: 429 in our error shape with Retry-After
 * (seconds), set on the reply before the error filter answers.
 */
@Injectable()
export class ReportRateLimitGuard implements CanActivate {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    const principal = request.principal;
    const tracker = principal ? `${principal.kind}-${principal.id}` : `ip-${request.ip}`;
    const limit = this.config.REPORT_RATE_LIMIT_PER_MINUTE;
    const { totalHits, timeToExpire, isBlocked, timeToBlockExpire } = await this.storage.increment(
      `${THROTTLER_NAME}-${tracker}`,
      WINDOW_MS,
      limit,
      0, // no extra block: a sliding window; Retry-After = until the oldest counted request leaves it
      THROTTLER_NAME,
    );
    void reply.header('X-RateLimit-Limit-Reports', String(limit));
    void reply.header('X-RateLimit-Remaining-Reports', String(Math.max(0, limit - totalHits)));
    void reply.header('X-RateLimit-Reset-Reports', String(timeToExpire));
    if (isBlocked) {
      void reply.header('Retry-After', String(Math.max(1, timeToBlockExpire)));
      throw WeeklyReportErrors.tooManyRequests(
        `At most ${limit} report requests a minute per caller; retry after ${Math.max(1, timeToBlockExpire)} s`,
      );
    }
    return true;
  }
}
