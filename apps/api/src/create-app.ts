import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { trustProxySetting, validateConfig } from '@app/config';
import { AppModule } from './app.module';
import { frameworkErrorReply } from './common/framework-errors';
import { requestIdOf } from './common/request-id';
import { configureApp } from './configure-app';

export function createFastifyAdapter(): FastifyAdapter {
  const config = validateConfig(process.env);
  return new FastifyAdapter({
    // Not requestIdHeader: Fastify would take any client value as is; requestIdOf checks it first.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    bodyLimit: 1024 * 1024,
    // Typed structurally in framework-errors.ts: Nest's adapter names its own copy of Fastify's reply type.
    frameworkErrors: frameworkErrorReply as never,
    // X-Forwarded-* only from the configured proxies (TRUST_PROXY); otherwise request.ip is the TCP peer.
    trustProxy: trustProxySetting(config),
  });
}

export async function createApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { bufferLogs: true });
  return configureApp(app);
}
