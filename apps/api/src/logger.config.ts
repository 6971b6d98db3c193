import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { requestIdOf } from './common/request-id';

/** Structured JSON logs with a request id per request; credentials never reach the log. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (request) => requestIdOf(request),
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.passwordHash', '*.keyHash'],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (request) => request.url === '/health' },
      customProps: () => ({ app: 'api' }),
    },
  };
}
