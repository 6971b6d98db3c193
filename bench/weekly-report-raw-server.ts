/**
 * The limit for GET /api/v1/reports/weekly/latest under load: a bare Node HTTP
 * handler doing the same with `pg` — read the latest week's hash, answer 304 to
 * a matching If-None-Match, else send the stored jsonb text in the same
 * envelope — with no framework, auth, rate limit, logging or caching.
 */
import { createServer, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

function send(response: ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  response.writeHead(status, body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}

createServer((request, response) => {
  if (request.method !== 'GET' || request.url !== '/reports/weekly/latest') {
    send(response, 404, {}, '{}');
    return;
  }
  (async () => {
    const { rows } = await pool.query(
      `SELECT iso_week, week_start, week_end, built_at, revision, build_source, built_by, content_hash FROM weekly_reports ORDER BY iso_week DESC LIMIT 1`,
    );
    const meta = rows[0];
    if (!meta) return send(response, 404, {}, '{}');
    const etag = `"${meta.content_hash}-json"`;
    if (request.headers['if-none-match'] === etag) return send(response, 304, { etag });
    const content = await pool.query(`SELECT content::text AS text FROM weekly_reports WHERE iso_week = $1`, [meta.iso_week]);
    const head = JSON.stringify({
      isoWeek: meta.iso_week,
      weekStart: meta.week_start,
      weekEnd: meta.week_end,
      builtAt: meta.built_at,
      revision: meta.revision,
      buildSource: meta.build_source,
      builtBy: meta.built_by,
      contentHash: meta.content_hash,
    });
    send(response, 200, { etag, 'content-type': 'application/json; charset=utf-8' }, `${head.slice(0, -1)},"report":${content.rows[0].text}}`);
  })().catch((error: Error) => send(response, 500, {}, JSON.stringify({ message: error.message })));
}).listen(Number(process.env.PORT ?? 3903), '127.0.0.1', () => process.send?.('ready'));
