/**
 * The limit for the problem-ledger benchmark: a bare Node HTTP handler running the API's own SQL
 * (apps/api/src/coordination-problems/coordination-problem.sql.ts) with `pg` — no framework, validation, auth,
 * scope or logging. What the API costs on top of this is what bench/problems.bench.ts measures.
 */
import { createServer, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { ORDER_BY, PROBLEM_COLUMNS, PROBLEM_FROM, UNITS_OF_SQL, weekCountsSql } from '../apps/api/src/coordination-problems/coordination-problem.sql';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

async function list(url: URL, response: ServerResponse): Promise<void> {
  const page = Number(url.searchParams.get('page') ?? 1);
  const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
  const states = (url.searchParams.get('state') ?? 'new,coordinating,resolved').split(',');
  const where = 'WHERE cp.state = ANY($1::varchar[])';
  const [{ rows: count }, { rows }] = await Promise.all([
    pool.query(`SELECT count(*)::int AS total FROM coordination_problems cp JOIN projects p ON p.id = cp.project_id ${where}`, [states]),
    pool.query(`SELECT ${PROBLEM_COLUMNS} FROM ${PROBLEM_FROM} ${where} ORDER BY ${ORDER_BY['oldest-open']} LIMIT $2 OFFSET $3`, [states, pageSize, (page - 1) * pageSize]),
  ]);
  const units = await pool.query(UNITS_OF_SQL, [rows.map((row) => row.id)]);
  send(response, 200, { items: rows.map((row) => ({ ...row, units: units.rows.filter((unit) => unit.problem_id === row.id) })), total: count[0].total, page, pageSize });
}

async function weekCounts(response: ServerResponse): Promise<void> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = new Date(Date.parse(`${today}T00:00:00Z`) - weekday * 86_400_000).toISOString().slice(0, 10);
  const next = new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const { rows } = await pool.query(weekCountsSql('', 4), [monday, next, 'Asia/Shanghai', today]);
  send(response, 200, rows[0]);
}

createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const work = url.pathname === '/problems' ? list(url, response) : url.pathname === '/problems/week-counts' ? weekCounts(response) : Promise.resolve(send(response, 404, {}));
  work.catch((error: unknown) => send(response, 500, { message: String(error) }));
}).listen(Number(process.env.PORT ?? 3903), '127.0.0.1', () => process.send?.('ready'));
