import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { AuthErrors } from './auth.errors';
import type { Principal } from './principal';

const WINDOW_MS = 60_000;
const THROTTLER_NAME = 'requests';

/**
 * The general rate limit of the API, applied by the auth guard once it knows
 * who is calling: a signed-in user or an API key is counted by its identity
 * (RATE_LIMIT_PER_MINUTE, over all routes), so an office behind one NAT or one
 * reverse proxy does not share a budget; a request without valid credentials
 * (sign-in, health, a bad token) by its client address
 * (RATE_LIMIT_ANONYMOUS_PER_MINUTE) — the address Fastify resolved, which
 * believes X-Forwarded-For only from the hops named in TRUST_PROXY.
 *
 * A sliding minute in the throttler's storage (this process's memory: with
 * several API processes each counts its own). Over it: 429 TOO_MANY_REQUESTS
 * with Retry-After.
 */
@Injectable()
export class RequestRateLimit {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  forPrincipal(principal: Principal, reply: FastifyReply): Promise<void> {
    return this.consume(`${principal.kind}-${principal.id}`, this.config.RATE_LIMIT_PER_MINUTE, reply, 'per signed-in user or API key');
  }

  forAddress(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.consume(`ip-${request.ip}`, this.config.RATE_LIMIT_ANONYMOUS_PER_MINUTE, reply, 'per address without credentials');
  }

  private async consume(tracker: string, limit: number, reply: FastifyReply, scope: string): Promise<void> {
    const { totalHits, timeToExpire, isBlocked, timeToBlockExpire } = await this.storage.increment(
      `${THROTTLER_NAME}-${tracker}`,
      WINDOW_MS,
      limit,
      0, // no extra block: a sliding window; Retry-After = until the oldest counted request leaves it
      THROTTLER_NAME,
    );
    void reply.header('X-RateLimit-Limit', String(limit));
    void reply.header('X-RateLimit-Remaining', String(Math.max(0, limit - totalHits)));
    void reply.header('X-RateLimit-Reset', String(timeToExpire));
    if (isBlocked) {
      const seconds = Math.max(1, timeToBlockExpire);
      throw AuthErrors.tooManyRequests(limit, scope, seconds);
    }
  }
}
