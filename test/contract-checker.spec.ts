/** The contract checker (test/support/contract.ts) refuses what the document does not declare. */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ContractChecker, contractRunDir } from './support/contract';
import { readContractCoverage } from './support/contract-coverage';

const document = {
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Thing' } },
              'text/csv': { schema: { type: 'string', format: 'binary' } },
            },
          },
          304: { description: 'not modified' },
          404: { description: 'none', content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string' } } } } } },
        },
      },
    },
    '/api/v1/things/latest': { get: { responses: { 200: { description: 'ok' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['name', 'owner'],
        properties: {
          name: { type: 'string' },
          plannedDate: { type: 'string', format: 'date', nullable: true },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
        },
      },
      Owner: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
    },
  },
};

const json = (statusCode: number, body: unknown, contentType = 'application/json; charset=utf-8') => {
  const payload = JSON.stringify(body);
  return { statusCode, headers: { 'content-type': contentType }, payload, rawPayload: Buffer.from(payload) };
};

describe('contract checker', () => {
  let checker: ContractChecker;
  const previousRunId = process.env.KPT_TEST_RUN_ID;

  beforeEach(() => {
    // A run id of its own, so these files never mix with the real run's coverage.
    process.env.KPT_TEST_RUN_ID = `spec-${randomBytes(3).toString('hex')}`;
    checker = new ContractChecker(document as never);
  });

  afterEach(() => {
    rmSync(contractRunDir(), { recursive: true, force: true });
    process.env.KPT_TEST_RUN_ID = previousRunId;
  });

  const id = '0b6c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';

  it('accepts a documented response, null where nullable (scalars and $ref), and records the operation', () => {
    checker.check('GET', `/api/v1/things/${id}?x=1`, json(200, { name: '玉泉变', plannedDate: null, owner: null }));
    checker.check('GET', `/api/v1/things/${id}`, json(200, { name: '玉泉变', plannedDate: '2026-03-01', owner: { id } }));
    checker.check('GET', `/api/v1/things/${id}`, { statusCode: 304, headers: {}, payload: '', rawPayload: Buffer.alloc(0) });
    const csv = Buffer.from('\ufeff名称\n玉泉变\n');
    checker.check('GET', `/api/v1/things/${id}`, { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8' }, payload: csv.toString(), rawPayload: csv });
    const coverage = readContractCoverage(contractRunDir());
    expect(coverage).toEqual({ covered: [`GET /api/v1/things/{id}`], uncovered: ['GET /api/v1/things/latest'], total: 2 });
  });

  it('prefers the literal path over a parameter', () => {
    expect(() => checker.check('GET', '/api/v1/things/latest', json(200, { name: 'x' }))).toThrow(/GET \/api\/v1\/things\/latest → 200: Content-Type .* not documented \(documented: no body\)/);
  });

  it('counts an operation as covered only by a success, not by a documented refusal', () => {
    checker.check('GET', `/api/v1/things/${id}`, json(404, { code: 'NOT_FOUND' }));
    expect(readContractCoverage(contractRunDir())).toMatchObject({ covered: [] });
  });

  it('refuses an undocumented status, naming the operation', () => {
    expect(() => checker.check('GET', `/api/v1/things/${id}`, json(403, { code: 'FORBIDDEN' }))).toThrow(
      'contract: GET /api/v1/things/{id} → 403: status 403 is not documented (documented: 200, 304, 404)',
    );
  });

  it('refuses a body that breaks the schema, with the ajv error', () => {
    expect(() => checker.check('GET', `/api/v1/things/${id}`, json(200, { name: 1, owner: null }))).toThrow(/→ 200: the body does not match the documented schema: \/name must be string/);
    expect(() => checker.check('GET', `/api/v1/things/${id}`, json(200, { name: 'x', owner: { id: 'not-a-uuid' } }))).toThrow(/\/owner\/id must match format "uuid"/);
    expect(() => checker.check('GET', `/api/v1/things/${id}`, json(200, { name: 'x', owner: null, secret: 'leaked' }))).toThrow(/must NOT have additional properties .*secret/);
  });

  it('refuses an undocumented Content-Type', () => {
    expect(() => checker.check('GET', `/api/v1/things/${id}`, json(200, { name: 'x', owner: null }, 'application/xml'))).toThrow(/Content-Type "application\/xml" is not documented/);
  });

  it('leaves paths the document does not describe alone', () => {
    expect(() => checker.check('GET', '/docs', json(200, '<html>'))).not.toThrow();
    expect(() => checker.check('DELETE', `/api/v1/things/${id}`, json(404, { code: 'NOT_FOUND' }))).not.toThrow();
  });

  it('writes the operations and what it covered into its run directory', () => {
    checker.check('GET', `/api/v1/things/${id}`, json(200, { name: 'x', owner: null }));
    const runDir = contractRunDir();
    expect(readdirSync(runDir).sort()).toEqual([expect.stringMatching(/^covered-/), 'operations.json']);
    expect(JSON.parse(readFileSync(join(runDir, 'operations.json'), 'utf8'))).toEqual(['GET /api/v1/things/{id}', 'GET /api/v1/things/latest']);
  });
});
