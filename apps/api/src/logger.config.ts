import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';

/** Structured JSON logs with a request id per request; credentials never reach the log. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (request) => (request.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.password', '*.passwordHash', '*.keyHash'],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (request) => request.url === '/health' },
      customProps: () => ({ app: 'api' }),
    },
  };
}
