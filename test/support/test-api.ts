/**
 * The API under test with its callers: a fresh database, the app on it, two units (A owns the specs' projects, B is
 * "another unit"), one signed-in caller per role, an API key, and request helpers that send a caller's credentials.
 * What most e2e specs used to rebuild by hand in their beforeAll.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiKeyScope, Department, User, UserRole } from '@app/domain';
import { createDepartment, createUser, signIn } from './factories';
import { apiKeyHeaders } from './portfolio';
import { createTestApp } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';

export type Headers = Record<string, string>;

/** Who calls: one per role, an editor of each unit, an API key (projects:read, reports:read, audit:read), nobody. */
export type CallerName = 'admin' | 'supervisor' | 'viewer' | 'leader' | 'editorA' | 'editorB' | 'apiKey' | 'anonymous';

export interface TestApiOptions {
  /** Environment of the app (e.g. KPT_FIXED_NOW). */
  env?: Record<string, string>;
  /** Names of the two units (责任单位). */
  unitNames?: { a?: string; b?: string };
  /** Display names of callers, where a spec checks them in what the API writes (e.g. 住建局 王工). */
  displayNames?: Partial<Record<Exclude<CallerName, 'apiKey' | 'anonymous'>, string>>;
  apiKeyScopes?: ApiKeyScope[];
}

const ROLE_OF: Record<Exclude<CallerName, 'apiKey' | 'anonymous'>, UserRole> = {
  admin: 'admin',
  supervisor: 'supervisor',
  viewer: 'viewer',
  leader: 'leader',
  editorA: 'department_editor',
  editorB: 'department_editor',
};

export class TestApi {
  private constructor(
    readonly database: TestDatabase,
    readonly app: NestFastifyApplication,
    readonly unitA: Department,
    readonly unitB: Department,
    /** Credentials (headers) of each caller. */
    readonly as: Readonly<Record<CallerName, Headers>>,
    /** The user behind each signed-in caller. */
    readonly users: Readonly<Record<Exclude<CallerName, 'apiKey' | 'anonymous'>, User>>,
  ) {}

  static async start(options: TestApiOptions = {}): Promise<TestApi> {
    const database = await createTestDatabase();
    const app = await createTestApp(database, options.env ?? {});
    const ds = database.dataSource;
    const unitA = await createDepartment(ds, { name: options.unitNames?.a ?? '区住建局' });
    const unitB = await createDepartment(ds, { name: options.unitNames?.b ?? '区教育局' });
    const users = {} as Record<Exclude<CallerName, 'apiKey' | 'anonymous'>, User>;
    const as = { anonymous: {} } as Record<CallerName, Headers>;
    for (const [caller, role] of Object.entries(ROLE_OF) as Array<[Exclude<CallerName, 'apiKey' | 'anonymous'>, UserRole]>) {
      const departmentId = caller === 'editorA' ? unitA.id : caller === 'editorB' ? unitB.id : null;
      const displayName = options.displayNames?.[caller];
      users[caller] = await createUser(ds, role, { departmentId, ...(displayName ? { displayName } : {}) });
      as[caller] = await signIn(app, users[caller].username);
    }
    as.apiKey = await apiKeyHeaders(ds, options.apiKeyScopes ?? ['projects:read', 'reports:read', 'audit:read']);
    return new TestApi(database, app, unitA, unitB, as, users);
  }

  /** Another signed-in user of a role (a second editor of a unit, say), with its credentials. */
  async signedIn(role: UserRole, overrides: Partial<User> = {}): Promise<{ user: User; headers: Headers }> {
    const user = await createUser(this.database.dataSource, role, overrides);
    return { user, headers: await signIn(this.app, user.username) };
  }

  /** A request as a caller (by name, or raw headers), under /api/v1 unless the url is absolute. */
  request(method: InjectOptions['method'], url: string, caller: CallerName | Headers, payload?: object, headers: Headers = {}): Promise<LightMyRequestResponse> {
    const credentials = typeof caller === 'string' ? this.as[caller] : caller;
    return this.app.inject({ method, url: url.startsWith('/api/') || url.startsWith('/docs') ? url : `/api/v1${url}`, headers: { ...credentials, ...headers }, payload });
  }

  get(url: string, caller: CallerName | Headers, headers?: Headers) {
    return this.request('GET', url, caller, undefined, headers);
  }

  post(url: string, caller: CallerName | Headers, payload: object = {}, headers?: Headers) {
    return this.request('POST', url, caller, payload, headers);
  }

  patch(url: string, caller: CallerName | Headers, payload: object, headers?: Headers) {
    return this.request('PATCH', url, caller, payload, headers);
  }

  put(url: string, caller: CallerName | Headers, payload: object, headers?: Headers) {
    return this.request('PUT', url, caller, payload, headers);
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.database?.drop();
  }
}

/** If-Match for a version. */
export const ifMatch = (version: number): Headers => ({ 'if-match': `"${version}"` });
