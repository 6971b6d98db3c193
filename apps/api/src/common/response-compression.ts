/**
 * Compressed responses for clients that ask (Accept-Encoding): the web workbench's scripts and styles and the large
 * JSON bodies (a 10,000-project weekly report is ~10 MiB as JSON, a tenth of that compressed) — what a phone on a
 * site's mobile network waits for. Brotli at quality 4 and gzip at 6: most of the size win for little CPU; quality 11
 * would cost the API more than the network saves. Clients that do not ask (scripts, the benchmarks' load generator)
 * get the identity body as before.
 */
import { constants } from 'node:zlib';
import compress, { FastifyCompressOptions } from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const RESPONSE_COMPRESSION: FastifyCompressOptions = {
  global: true,
  threshold: 1024,
  encodings: ['br', 'gzip'],
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  zlibOptions: { level: 6 },
};

export async function useResponseCompression(app: NestFastifyApplication): Promise<void> {
  // Awaited, before any route: the plugin attaches itself to each route as it is added (an onRoute hook), so routes
  // added before it has loaded — Nest's, Swagger's — would go uncompressed.
  await app.register(compress as unknown as Parameters<NestFastifyApplication['register']>[0], RESPONSE_COMPRESSION as never);
}
