/**
 * The limit for the portfolio benchmark: a bare Node HTTP handler running the
 * same SQL as the API with `pg`, with no framework, validation, auth or
 * logging. What the API costs on top of this is what we measure.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { PROJECT_LIST_SQL, MILESTONE_UPDATE_SQL } from './support/portfolio-sql';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

async function listProjects(url: URL, response: ServerResponse): Promise<void> {
  const page = Number(url.searchParams.get('page') ?? 1);
  const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
  const q = url.searchParams.get('q') ?? '';
  const status = url.searchParams.get('status');
  const params = [q, status, pageSize, (page - 1) * pageSize];
  const [items, count] = await Promise.all([pool.query(PROJECT_LIST_SQL.page, params), pool.query(PROJECT_LIST_SQL.count, params.slice(0, 2))]);
  send(response, 200, { items: items.rows, total: Number(count.rows[0].total), page, pageSize });
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function updateMilestone(id: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  const version = Number(String(request.headers['if-match'] ?? '').replace(/"/g, ''));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const updated = await client.query(MILESTONE_UPDATE_SQL.update, [id, version, body.note]);
    if (updated.rowCount === 0) {
      await client.query('ROLLBACK');
      send(response, 412, { code: 'STALE_VERSION' });
      return;
    }
    const row = updated.rows[0];
    await client.query(MILESTONE_UPDATE_SQL.audit, [id, JSON.stringify(row)]);
    await client.query(MILESTONE_UPDATE_SQL.outbox, [id, JSON.stringify({ milestoneId: id, change: 'updated', version: row.version })]);
    await client.query('COMMIT');
    send(response, 200, row);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const milestone = /^\/milestones\/([0-9a-f-]{36})$/.exec(url.pathname);
  const work =
    request.method === 'GET' && url.pathname === '/projects'
      ? listProjects(url, response)
      : request.method === 'PATCH' && milestone
        ? updateMilestone(milestone[1], request, response)
        : Promise.resolve(send(response, 404, {}));
  work.catch((error: Error) => send(response, 500, { message: error.message }));
}).listen(Number(process.env.PORT ?? 3901), '127.0.0.1', () => process.send?.('ready'));
