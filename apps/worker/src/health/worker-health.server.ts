import { createServer, Server } from 'node:http';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';

export interface WorkerHealth {
  status: 'ok' | 'error';
  postgres: { status: 'up' | 'down'; message?: string };
  redis: { status: 'up' | 'down'; message?: string };
}

/**
 * GET /health on WORKER_HEALTH_PORT: Postgres and Redis reachability, 200 or 503.
 * The worker has no other HTTP surface.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;
  private readonly redis: Redis;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<WorkerHealth> {
    const postgres = await this.dataSource
      .query('SELECT 1')
      .then(() => ({ status: 'up' as const }))
      .catch((error: Error) => ({ status: 'down' as const, message: error.message }));
    const redis = await (async () => {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      await this.redis.ping();
    })()
      .then(() => ({ status: 'up' as const }))
      .catch((error: Error) => ({ status: 'down' as const, message: error.message }));
    const status = postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'error';
    return { status, postgres, redis };
  }

  onApplicationBootstrap(): void {
    this.server = createServer((request, response) => {
      if (request.url !== '/health') {
        response.writeHead(404).end();
        return;
      }
      void this.check().then((health) => {
        response.writeHead(health.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(health));
      });
    });
    this.server.listen(this.config.WORKER_HEALTH_PORT, () => this.logger.log(`health on :${this.config.WORKER_HEALTH_PORT}/health`));
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.redis.disconnect();
  }
}
