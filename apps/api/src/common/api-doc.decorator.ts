import { applyDecorators, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input; details name the fields',
  401: 'Not signed in, or the credentials are invalid',
  403: 'Signed in, but not allowed (role, department or API-key scope), or a cookie-authenticated write without X-CSRF-Token (CSRF_TOKEN_INVALID)',
  404: 'Not found',
  409: 'Conflicts with the current state',
  412: 'Stale write: the If-Match version is no longer current',
  428: 'If-Match (or version) is required for this write',
  429: 'Too many requests; see Retry-After',
};

interface ApiDocOptions {
  summary: string;
  description?: string;
  type?: Type<unknown> | [Type<unknown>];
  status?: number;
  errors?: number[];
}

/** One decorator per route: summary, success type, error responses and security, so controllers stay short. */
export function ApiDoc({ summary, description, type, status = 200, errors = [] }: ApiDocOptions): MethodDecorator {
  const all = [...new Set([401, ...errors])];
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiBearerAuth(),
    ApiSecurity('api-key'),
    ApiCookieAuth('session-cookie'),
    ApiResponse({ status, type }),
    ...all.map((code) => ApiResponse({ status: code, type: ErrorResponseDto, description: errorDescriptions[code] })),
  );
}
