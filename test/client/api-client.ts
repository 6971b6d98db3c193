/**
 * What an API client (the big screen, the city platform, a script) writes against this API: nothing but the types
 * generated from the OpenAPI document (apps/web/src/api/schema.d.ts, `npm run api:types`) and openapi-fetch.
 * test/api-client.e2e-spec.ts compiles this file alone under `tsc --strict` (test/client/tsconfig.json) and runs it
 * against the real API over HTTP, so a document that a generated client cannot use fails the suite.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from '../../apps/web/src/api/schema';

type ErrorBody = components['schemas']['ErrorResponseDto'];

export interface ApiClientOptions {
  baseUrl: string;
  username: string;
  password: string;
  /** An API key with reports:read, for the weekly report download. */
  apiKey: string;
  /** A project kind to filter the list by, e.g. 'school'. */
  kind: NonNullable<paths['/api/v1/projects']['get']['parameters']['query']>['kind'];
  /** The date to complete the first open milestone on (YYYY-MM-DD). */
  completedOn: string;
}

export interface ApiClientRun {
  signedInAs: string;
  projects: Array<{ id: string; name: string; kind: string }>;
  milestone: { id: string; versionBefore: number; versionAfter: number; actualDate: string | null; staleStatus: number };
  progressReport: { id: string; firstStatus: number; retryStatus: number; retryId: string; replayed: string | null };
  weeklyReport: { isoWeek: string | null; contentType: string | null; bytes: number; zipSignature: string };
}

function fail(step: string, status: number, error: ErrorBody | undefined): never {
  throw new Error(`${step}: ${status} ${error?.code ?? ''} ${error?.message ?? ''}`);
}

export async function runApiClient(options: ApiClientOptions): Promise<ApiClientRun> {
  const client = createClient<paths>({ baseUrl: options.baseUrl });

  // 1. Sign in; the token goes into every later request.
  const login = await client.POST('/api/v1/auth/login', { body: { username: options.username, password: options.password } });
  if (!login.data) fail('sign in', login.response.status, login.error);
  const token: string = login.data.accessToken;
  client.use({
    onRequest({ request }) {
      if (!request.headers.has('x-api-key')) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });

  // 2. The projects of one kind, first page.
  const list = await client.GET('/api/v1/projects', { params: { query: { kind: options.kind, page: 1, pageSize: 20 } } });
  if (!list.data) fail('list projects', list.response.status, list.error);
  const projects = list.data.items.map((project) => ({ id: project.id, name: project.name, kind: project.kind }));
  const project = list.data.items[0];
  if (!project) throw new Error(`no project of kind ${options.kind}`);

  // 3. Complete its first open milestone: read the ETag, send it back as If-Match; the old ETag is then stale (412).
  const detail = await client.GET('/api/v1/projects/{id}', { params: { path: { id: project.id } } });
  if (!detail.data) fail('read project', detail.response.status, detail.error);
  const open = detail.data.milestones.find((milestone) => milestone.actualDate === null);
  if (!open) throw new Error(`project ${project.name} has no open milestone`);
  const read = await client.GET('/api/v1/milestones/{id}', { params: { path: { id: open.id } } });
  if (!read.data) fail('read milestone', read.response.status, read.error);
  const etag = read.response.headers.get('etag') ?? '';
  const moved = await client.PATCH('/api/v1/milestones/{id}', {
    params: { path: { id: open.id }, header: { 'If-Match': etag } },
    body: { actualDate: options.completedOn, note: '已完成，资料已归档' },
  });
  if (moved.response.status !== 200 || !moved.data || !('actualDate' in moved.data)) fail('complete milestone', moved.response.status, moved.error);
  const stale = await client.PATCH('/api/v1/milestones/{id}', {
    params: { path: { id: open.id }, header: { 'If-Match': etag } },
    body: { note: '旧版本上的修改' },
  });

  // 4. A progress report, sent twice with one Idempotency-Key: the retry returns the first report.
  const idempotencyKey = `client-${project.id}-${options.completedOn}`;
  const reportBody = {
    period: options.completedOn.slice(0, 7),
    text: '主体结构施工完成60%',
    percentComplete: 60,
    investmentCompletedWan: '1200',
    problems: '征拆未完成',
    coordinationNeeds: '需区自然资源局协调用地手续',
  };
  const first = await client.POST('/api/v1/projects/{projectId}/progress-reports', {
    params: { path: { projectId: project.id }, header: { 'Idempotency-Key': idempotencyKey } },
    body: reportBody,
  });
  if (!first.data) fail('file progress report', first.response.status, first.error);
  const retry = await client.POST('/api/v1/projects/{projectId}/progress-reports', {
    params: { path: { projectId: project.id }, header: { 'Idempotency-Key': idempotencyKey } },
    body: reportBody,
  });
  if (!retry.data) fail('retry progress report', retry.response.status, retry.error);

  // 5. The latest weekly report as XLSX, with an API key instead of the token.
  const weekly = await client.GET('/api/v1/reports/weekly/latest', {
    params: { query: { format: 'xlsx' }, header: {} },
    headers: { 'x-api-key': options.apiKey },
    parseAs: 'arrayBuffer',
  });
  if (!weekly.data) fail('download weekly report', weekly.response.status, weekly.error as ErrorBody | undefined);
  const bytes = new Uint8Array(weekly.data as ArrayBuffer);

  return {
    signedInAs: login.data.user.username,
    projects,
    milestone: {
      id: open.id,
      versionBefore: read.data.version,
      versionAfter: moved.data.version,
      actualDate: moved.data.actualDate,
      staleStatus: stale.response.status,
    },
    progressReport: {
      id: first.data.id,
      firstStatus: first.response.status,
      retryStatus: retry.response.status,
      retryId: retry.data.id,
      replayed: retry.response.headers.get('idempotent-replayed'),
    },
    weeklyReport: {
      isoWeek: weekly.response.headers.get('x-report-week'),
      contentType: weekly.response.headers.get('content-type'),
      bytes: bytes.length,
      zipSignature: String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0),
    },
  };
}
