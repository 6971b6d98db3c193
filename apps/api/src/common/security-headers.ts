/**
 * The security headers of every API response (@fastify/helmet): what a browser
 * may load on a page of ours. The CSP fits the web workbench — a Vite-built Vue
 * and Element Plus app served from this origin (scripts are files of our own;
 * Element Plus sets inline styles; ECharts draws to canvas and exports blobs) —
 * and Swagger UI and Bull Board, whose scripts are files of our own too.
 */
import helmet, { FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const SECURITY_HEADERS: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Behind TLS in production; browsers ignore it over plain http (development).
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

export function useSecurityHeaders(app: NestFastifyApplication): void {
  // Registered before any route: Fastify applies the plugin's onRequest hook to every route and to the 404/error replies.
  // @nestjs/platform-fastify carries its own copy of fastify's types, which @fastify/helmet's do not name.
  void app.register(helmet as unknown as Parameters<NestFastifyApplication['register']>[0], SECURITY_HEADERS as never);
}
