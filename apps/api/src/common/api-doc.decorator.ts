/**
 * The one Swagger decorator of a route: summary, success body, request headers, error responses and security.
 *
 * What a route can answer is mostly decided by what it reads, so the decorator derives it from the route's own
 * parameter decorators (TypeScript applies those before method decorators): a path parameter can be a 404 (or a 414
 * when longer than the router allows), a body can be too large (413) or of the wrong type (415),
 * `@Headers('if-match')` documents If-Match and its 412/428, `@Headers('if-none-match')` its 304,
 * `@Headers('idempotency-key')` the header. Every route can refuse input (400: unknown query parameters are refused
 * everywhere), be rate limited (429) and answer 503 while Postgres cannot be reached; every non-public route can answer
 * 401 and 403 (an API key without the route's scope). A route adds the rest (409, 406, …) in `errors`. The contract
 * test (test/support/contract.ts) fails any response whose status or body the document does not declare.
 */
import { applyDecorators, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ApiBearerAuth, ApiCookieAuth, ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, ApiSecurity, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input (a field, a path or query parameter, an unknown query parameter); details name each one',
  401: 'Not signed in, or the credentials are invalid',
  403: 'Signed in, but not allowed (role, department or API-key scope), or a cookie-authenticated write without X-CSRF-Token (CSRF_TOKEN_INVALID)',
  404: 'Not found',
  406: 'The requested format is not available',
  409: 'Conflicts with the current state',
  412: 'Stale write: the If-Match version is no longer current',
  413: 'The request body is too large',
  414: 'A path parameter is too long',
  415: 'The request body is not JSON (Content-Type)',
  428: 'If-Match (or version) is required for this write',
  429: 'Too many requests; wait for Retry-After seconds',
  503: 'The database cannot be reached just now (DATABASE_UNAVAILABLE); retry after Retry-After seconds',
};

/** Request headers a route may read, with what they mean to a client and the statuses they bring. */
const requestHeaders: Record<string, { name: string; description: string; statuses: number[] }> = {
  'if-match': {
    name: 'If-Match',
    description: 'The ETag you read, e.g. "3" (or send `version` in the body): missing → 428, stale → 412 and nothing changes',
    statuses: [412, 428],
  },
  'if-none-match': { name: 'If-None-Match', description: 'The ETag you read before → 304 Not Modified when unchanged', statuses: [304] },
  'idempotency-key': {
    name: 'Idempotency-Key',
    description: 'Makes retries safe: the same key and body return the first result (Idempotent-Replayed: true); the same key with another body → 409',
    statuses: [409],
  },
};

/** A success body in other media types than JSON (CSV, XLSX): documented as binary. */
export type BinaryMediaTypes = string[];

export interface ApiDocOptions {
  summary: string;
  description?: string;
  /** The JSON body of the success status; omit for an empty body. */
  type?: Type<unknown> | [Type<unknown>];
  status?: number;
  /** Statuses beyond those the decorator derives (see above), e.g. 409. */
  errors?: number[];
  /** Media types the success status can also (or, without `type`, only) be sent in, documented as `type: string, format: binary`. */
  binary?: BinaryMediaTypes;
  /** A route without credentials (login, health): no 401/403, `security: []`. */
  public?: boolean;
}

/** Response headers every client may rely on. */
const ETAG_HEADER = { ETag: { description: 'Version of the record; send it back as If-Match', schema: { type: 'string', example: '"3"' } } };

interface RouteArg {
  index: number;
  data?: unknown;
}

function routeArgs(target: object, key: string | symbol): Array<{ type: number; data?: unknown }> {
  const metadata: Record<string, RouteArg> = Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {};
  return Object.entries(metadata).map(([argKey, arg]) => ({ type: Number(argKey.split(':')[0]), data: arg.data }));
}

function successContent(type: ApiDocOptions['type'], binary: BinaryMediaTypes): Record<string, unknown> | undefined {
  const files = Object.fromEntries(binary.map((mediaType) => [mediaType, { schema: { type: 'string', format: 'binary' } }]));
  // A file download (an XLSX template, a report) has no JSON body at all.
  if (!type) return binary.length > 0 ? files : undefined;
  const model = Array.isArray(type) ? type[0] : type;
  const schema = Array.isArray(type) ? { type: 'array', items: { $ref: getSchemaPath(model) } } : { $ref: getSchemaPath(model) };
  return {
    'application/json': { schema },
    ...files,
  };
}

export function ApiDoc(options: ApiDocOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const { summary, description, type, status = 200, errors = [], binary = [] } = options;
    const args = routeArgs(target, key);
    const has = (paramType: RouteParamtypes) => args.some((arg) => arg.type === paramType);
    const headers = args
      .filter((arg) => arg.type === RouteParamtypes.HEADERS && typeof arg.data === 'string')
      .map((arg) => requestHeaders[(arg.data as string).toLowerCase()])
      .filter((header) => header !== undefined);

    const statuses = new Set<number>([400, 429, 503, ...errors]);
    if (!options.public) [401, 403].forEach((code) => statuses.add(code));
    if (has(RouteParamtypes.PARAM)) [404, 414].forEach((code) => statuses.add(code));
    if (has(RouteParamtypes.BODY)) [413, 415].forEach((code) => statuses.add(code));
    headers.forEach((header) => header.statuses.forEach((code) => statuses.add(code)));
    statuses.delete(status);

    const models = type ? [Array.isArray(type) ? type[0] : type] : [];
    const decorators: Array<MethodDecorator | ClassDecorator> = [
      ApiOperation({ summary, description }),
      ApiExtraModels(ErrorResponseDto, ...models),
      ...headers.map((header) => ApiHeader({ name: header.name, required: false, description: header.description })),
      ApiResponse({
        status,
        description: summary,
        content: successContent(type, binary) as never,
        headers: headers.some((header) => header.name === 'If-Match') ? ETAG_HEADER : undefined,
      }),
      // A retried create with the same Idempotency-Key answers 200 with the record the first request made.
      ...(status === 201 && headers.some((header) => header.name === 'Idempotency-Key')
        ? [
            ApiResponse({
              status: 200,
              description: 'A retry with the same Idempotency-Key and body: the first result, with Idempotent-Replayed: true',
              content: successContent(type, binary) as never,
              headers: { 'Idempotent-Replayed': { description: 'true when this is the stored first result', schema: { type: 'string', enum: ['true'] } } },
            }),
          ]
        : []),
      ...[...statuses]
        .sort((a, b) => a - b)
        .map((code) =>
          code === 304
            ? ApiResponse({ status: code, description: 'Not modified: the ETag sent as If-None-Match is current' })
            : ApiResponse({ status: code, type: ErrorResponseDto, description: errorDescriptions[code] ?? 'Error' }),
        ),
    ];
    if (options.public) {
      // An explicit empty requirement: "no credentials", which linters and generators read as such.
      decorators.push(ApiSecurity({}));
    } else {
      decorators.push(ApiBearerAuth(), ApiSecurity('api-key'), ApiCookieAuth('session-cookie'));
    }
    return applyDecorators(...decorators)(target, key, descriptor);
  };
}
