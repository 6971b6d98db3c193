import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { IMMUTABLE_CACHE, isHashedAsset, isReservedPath, looksLikeFile, NO_CACHE } from './web-app-routes';

const DEFAULT_TITLE = '玉泉区重点项目调度平台';

/**
 * Serves the built web workbench: its files through @fastify/static (one route per file found at boot, so
 * nothing is a catch-all), and index.html for every other GET that is not the API's (vue-router's history mode).
 * Reserved paths and missing files go to Nest's not-found handler, so `/api/v1/nope` stays the API's JSON 404.
 * index.html is read once at boot, with the configured system name (WEB_APP_TITLE) put in; it is sent
 * `no-cache` so a new deployment is picked up at once, while the hashed assets it names are cached for a year.
 */
@Injectable()
export class WebAppMount implements OnModuleInit {
  private readonly logger = new Logger(WebAppMount.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const root = resolve(this.config.WEB_APP_DIR);
    const indexFile = join(root, 'index.html');
    if (!existsSync(indexFile)) {
      this.logger.warn(`No web workbench at ${root} (run npm run build:web): serving the API only`);
      return;
    }
    const indexHtml = withTitle(readFileSync(indexFile, 'utf8'), this.config.WEB_APP_TITLE);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();

    void fastify.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        prefix: '/',
        wildcard: false, // a route per file: the fallback below is the only catch-all
        index: false, // `/` is the app's page, sent by the fallback with the title filled in
        decorateReply: false,
        cacheControl: false,
        setHeaders: (reply, path) => {
          const relative = `/${path.slice(root.length + 1).split('\\').join('/')}`;
          reply.header('cache-control', isHashedAsset(relative) ? IMMUTABLE_CACHE : NO_CACHE);
        },
      });
      const page = (request: FastifyRequest, reply: FastifyReply) => {
        if (isReservedPath(request.url) || looksLikeFile(request.url)) return reply.callNotFound();
        return reply.header('cache-control', NO_CACHE).type('text/html; charset=utf-8').send(indexHtml);
      };
      scope.get('/', page);
      scope.get('/*', page);
    });
  }
}

function withTitle(html: string, title: string): string {
  if (title === DEFAULT_TITLE) return html;
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return html.split(DEFAULT_TITLE).join(escaped);
}
