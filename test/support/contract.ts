/**
 * The OpenAPI document is the contract: every response an e2e test receives through `app.inject()` of a test app
 * (createTestApp installs this hook) is checked against the document the same app serves at /docs-json:
 *
 * - the status is documented for the operation (method + path template),
 * - the Content-Type is one the operation declares for that status (and a body is sent only where one is declared),
 * - a JSON body validates against the declared schema (ajv + ajv-formats; OpenAPI 3.0 `nullable` read as "or null",
 *   and objects with declared properties allow no others, so an undocumented field is drift too).
 *
 * A violation throws from `inject()`, so it fails the test that caused it, naming the operation, the status and
 * ajv's error. Requests to paths the document does not describe (/docs, Bull Board, unknown routes) are not
 * checked. Each test file appends the operations it exercised with a success (2xx or 304) to a file under the run's
 * directory;
 * globalTeardown adds them up and prints "contract: N of M operations covered".
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildOpenApiDocument } from '../../apps/api/src/openapi';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApiDocument {
  paths: Record<string, Record<string, JsonObject>>;
  components?: { schemas?: Record<string, JsonObject> };
}

interface Operation {
  /** e.g. `GET /api/v1/projects/{id}` */
  key: string;
  responses: Record<string, JsonObject>;
}

interface InjectResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  payload: string;
  rawPayload: Buffer;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The directory of this run's coverage files (the run id is set by globalSetup). */
export function contractRunDir(runId = process.env.KPT_TEST_RUN_ID ?? 'adhoc'): string {
  return join(tmpdir(), `kpt-contract-${runId}`);
}

/** Every operation of a document, as `METHOD /path`. */
export function operationKeys(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable: true` adds null (around `allOf`/`$ref` too), refs point into
 * the document registered under the id "openapi", and an object that lists its properties closes them.
 */
function toJsonSchema(node: Json, closeObjects: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, closeObjects));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = `openapi${value}`;
    else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, closeObjects)]));
    } else out[key] = toJsonSchema(value, closeObjects);
  }
  if (closeObjects && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (node.nullable === true) {
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

/** Validates responses of one served document; one per test app. */
export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly operations: Array<{ pattern: RegExp; params: number; method: string; operation: Operation }>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly covered = new Set<string>();
  private readonly coverageFile: string;

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // OpenAPI's formats of its own: binary bodies are not validated as JSON; number widths are not checked.
    for (const format of ['binary', 'byte', 'int32', 'int64', 'float', 'double', 'password']) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: 'openapi', components: { schemas: toJsonSchema((document.components?.schemas ?? {}) as Json, true) } } as never);
    this.operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({
          pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
          params: (path.match(/\{/g) ?? []).length,
          method: method.toUpperCase(),
          operation: { key: `${method.toUpperCase()} ${path}`, responses: (operation.responses ?? {}) as Record<string, JsonObject> },
        })),
    );
    const dir = contractRunDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'operations.json'), JSON.stringify(operationKeys(document)));
    this.coverageFile = join(dir, `covered-${process.pid}-${randomBytes(4).toString('hex')}.txt`);
  }

  /** The operation a request addresses: literal segments win over parameters (/reports/weekly/latest over /{isoWeek}). */
  private find(method: string, path: string): Operation | undefined {
    const matches = this.operations.filter((candidate) => candidate.method === method && candidate.pattern.test(path));
    return matches.sort((a, b) => a.params - b.params)[0]?.operation;
  }

  /** Throws when the response breaks the document; records the operation as covered otherwise. */
  check(method: string, url: string, response: InjectResponse): void {
    const path = url.split('?')[0].replace(/\/+$/, '') || '/';
    const operation = this.find(method.toUpperCase(), path);
    if (!operation) return;
    const where = `${operation.key} → ${response.statusCode}`;
    const declared = operation.responses[String(response.statusCode)] ?? operation.responses[`${String(response.statusCode)[0]}XX`] ?? operation.responses.default;
    if (!declared) {
      throw new Error(
        `contract: ${where}: status ${response.statusCode} is not documented (documented: ${Object.keys(operation.responses).join(', ')}). ` +
          `Body: ${response.payload.slice(0, 300)}`,
      );
    }
    const content = (declared.content ?? {}) as Record<string, JsonObject>;
    const payload = decodedPayload(response);
    const hasBody = response.rawPayload.length > 0;
    if (hasBody) {
      const contentType = String(response.headers['content-type'] ?? '');
      const essence = contentType.split(';')[0].trim().toLowerCase();
      const mediaType = Object.keys(content).find((candidate) => candidate.split(';')[0].trim().toLowerCase() === essence);
      if (!mediaType) {
        throw new Error(
          `contract: ${where}: Content-Type "${contentType}" is not documented (documented: ${Object.keys(content).join(', ') || 'no body'}). ` +
            `Body: ${response.payload.slice(0, 300)}`,
        );
      }
      const schema = content[mediaType].schema as Json | undefined;
      if (schema && essence.endsWith('json')) this.validate(where, `${operation.key} ${response.statusCode} ${mediaType}`, schema, payload);
    }
    // Covered means exercised as a client uses it: a refusal (every route's 400 for an unknown parameter) is not.
    if (response.statusCode < 400 && !this.covered.has(operation.key)) {
      this.covered.add(operation.key);
      appendFileSync(this.coverageFile, `${operation.key}\n`);
    }
  }

  private validate(where: string, cacheKey: string, schema: Json, payload: string): void {
    let validator = this.validators.get(cacheKey);
    if (!validator) {
      validator = this.ajv.compile(toJsonSchema(schema, true) as object);
      this.validators.set(cacheKey, validator);
    }
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      throw new Error(`contract: ${where}: the body is not JSON: ${payload.slice(0, 200)}`);
    }
    if (!validator(body)) {
      const errors = (validator.errors ?? [])
        .slice(0, 5)
        .map((error) => `${error.instancePath || '(body)'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`)
        .join('; ');
      throw new Error(`contract: ${where}: the body does not match the documented schema: ${errors}. Body: ${payload.slice(0, 500)}`);
    }
  }
}

/** The body as the client reads it: a compressed response (the client sent Accept-Encoding) is inflated first. */
function decodedPayload(response: InjectResponse): string {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString('utf8');
  return response.payload;
}

type InjectArgument = string | { method?: string; url?: string; path?: string; query?: unknown };

/** Wraps `app.inject()` so that every response it returns is checked against the app's own /docs-json. */
export async function installContractCheck(app: NestFastifyApplication): Promise<void> {
  const inject = app.inject.bind(app) as (options: InjectArgument) => Promise<InjectResponse>;
  const served = await inject({ method: 'GET', url: '/docs-json' });
  // A production app without DOCS_PUBLIC does not serve the document (404): check against the one it would serve.
  const document = served.statusCode === 200 ? JSON.parse(served.payload) : JSON.parse(JSON.stringify(buildOpenApiDocument(app)));
  const checker = new ContractChecker(document as OpenApiDocument);
  const checked = async (options: InjectArgument): Promise<InjectResponse> => {
    const response = await inject(options);
    const method = typeof options === 'string' ? 'GET' : (options.method ?? 'GET');
    const url = typeof options === 'string' ? options : (options.url ?? options.path ?? '/');
    checker.check(method, url, response);
    return response;
  };
  Object.assign(app, { inject: checked });
}
