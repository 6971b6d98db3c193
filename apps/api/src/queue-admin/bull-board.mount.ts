import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { SessionStore } from '../auth/session.store';
import { UserAccessCache } from '../users/user-access.cache';
import { AdminQueues } from './admin-queues';
import { BULL_BOARD_COOKIE, BULL_BOARD_PATH, type BullBoardSessionClaims, bullBoardSessionSecret, readCookie } from './bull-board-session';

/**
 * Bull Board at /admin/queues (outside the /api/v1 prefix), over every queue
 * (libs/queue's registry and the worker's own, see admin-queues.ts), for admins only. It is a Fastify plugin, so Nest's
 * guards never see its requests: the onRequest hook of its own encapsulated
 * scope checks the caller instead (see bull-board-session.ts for how a browser
 * signs in). Refusals have the API's error shape.
 */
@Injectable()
export class BullBoardMount implements OnModuleInit {
  private readonly sessionSecret: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: AdminQueues,
    private readonly jwt: JwtService,
    private readonly userAccess: UserAccessCache,
    private readonly sessions: SessionStore,
    config: AppConfig,
  ) {
    this.sessionSecret = bullBoardSessionSecret(config.JWT_SECRET!);
  }

  onModuleInit(): void {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({
      queues: this.queues.all().map(({ queue }) => new BullMQAdapter(queue)),
      // @bull-board/fastify's newest release (9.10.1) pins @bull-board/api 9.10.1, so its types name a
      // second copy of the api package; at run time the adapter only wires the routes this api hands it.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: '重点工程调度 · 队列' } },
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Not wrapped in fastify-plugin: the hook stays inside this scope and never touches the API's routes.
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.admitAdmin(request, reply));
      await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
    });
  }

  private async admitAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const userId = await this.userIdOf(request);
    if (!userId) {
      return refuse(
        request,
        reply,
        401,
        'UNAUTHENTICATED',
        `Sign in as an admin: send Authorization: Bearer <token>, or call GET /api/v1${BULL_BOARD_PATH}/session with it first (sets a 15-minute cookie)`,
      );
    }
    const account = await this.userAccess.get(userId);
    if (!account?.isActive) return refuse(request, reply, 401, 'UNAUTHENTICATED', 'This account is deactivated or no longer exists');
    if (account.role !== 'admin') return refuse(request, reply, 403, 'FORBIDDEN', 'Bull Board is for admins only');
  }

  /** The user of a valid Bearer access token or board session cookie, else undefined. */
  private async userIdOf(request: FastifyRequest): Promise<string | undefined> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      // The same check as the API's guard: a signed-out or revoked session gets nowhere.
      const session = await this.sessions.verify(authorization.slice(7)).catch(() => undefined);
      return session?.userId;
    }
    const session = readCookie(request, BULL_BOARD_COOKIE);
    if (session) {
      const claims = await this.jwt.verifyAsync<BullBoardSessionClaims>(session, { secret: this.sessionSecret }).catch(() => undefined);
      return claims?.purpose === 'bull-board' ? claims.sub : undefined;
    }
    return undefined;
  }
}

function refuse(request: FastifyRequest, reply: FastifyReply, statusCode: 401 | 403, code: string, message: string): FastifyReply {
  return reply
    .code(statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ statusCode, code, message, details: [], requestId: String(request.id) });
}
