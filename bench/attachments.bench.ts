/**
 * Attachments (issue 15): how fast a 10 MiB file goes up and comes back through the API, against a plain stream copy
 * of the same file on the same disk (the limit: what the disk does with no HTTP, multipart, hashing or database around
 * it), and the API's memory while 20 uploads run at once — measured at two file sizes, since streaming means the
 * peak must not grow with the file (20 × 10 MiB held in memory would be 200 MiB more).
 *
 * The API runs as a child process (NODE_ENV=production, local store in a temporary directory); its RSS is read from
 * /proc/<pid>/status every 20 ms. Files are PDFs of random bytes (distinct, so none is deduplicated); the client
 * streams each multipart body from disk and writes each download to disk, so it holds no file in memory either.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { BenchResult, throughputRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { BENCH_PASSWORD, generateSyntheticPortfolio } from './support/synthetic-portfolio';

const DATABASE = 'kpt_bench_attachments';
const API_PORT = 3910;
const MiB = 1024 * 1024;
const RUNS = 9;
const CONCURRENT = 20;

async function makeFile(path: string, bytes: number): Promise<void> {
  const head = Buffer.from('%PDF-1.4\n');
  await writeFile(path, Buffer.concat([head, randomBytes(bytes - head.length)]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** POSTs one file as multipart/form-data, the body streamed from disk. */
async function upload(url: string, authorization: string, path: string, name: string): Promise<{ status: number; body: string }> {
  const size = (await stat(path)).size;
  const boundary = `----kptbench${randomBytes(8).toString('hex')}`;
  const preamble = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { authorization, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': preamble.length + size + epilogue.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.write(preamble);
    const file = createReadStream(path);
    file.on('error', reject);
    file.on('end', () => req.end(epilogue));
    file.pipe(req, { end: false });
  });
}

/** GETs a download into a file on disk. */
async function download(url: string, authorization: string, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { authorization } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download answered ${res.statusCode}`));
      pipeline(res, createWriteStream(target)).then(() => resolve(res.statusCode ?? 0), reject);
    })
      .on('error', reject)
      .end();
  });
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Peak RSS of the process while `work` runs, sampled every 20 ms. */
async function peakRssDuring(pid: number, work: () => Promise<unknown>): Promise<number> {
  let peak = await rssOf(pid);
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await rssOf(pid).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await sampler;
  }
  return peak;
}

export async function runAttachmentsBenchmark(): Promise<BenchResult[]> {
  const databaseUrl = await createBenchDatabase(DATABASE);
  await generateSyntheticPortfolio(databaseUrl, { projects: 30, milestonesPerProject: 1 });
  const work = await mkdtemp(join(tmpdir(), 'kpt-bench-attachments-'));
  const storeDir = join(work, 'store');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const api = startNode('apps/api/src/main.js', {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    ...freshProductionSecrets(),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ATTACHMENTS_DIR: storeDir,
    ATTACHMENTS_MAX_FILE_BYTES: String(20 * MiB),
    ATTACHMENTS_MAX_REQUEST_BYTES: String(100 * MiB),
  });
  const base = `http://127.0.0.1:${API_PORT}`;
  try {
    await waitForHttp(`${base}/health`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: BENCH_PASSWORD }),
    });
    const authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const [{ id: authorId }] = (await db.query(`SELECT id FROM users WHERE username = 'bench-admin'`)).rows;
    const projects: string[] = (await db.query(`SELECT id FROM projects ORDER BY id LIMIT $1`, [CONCURRENT])).rows.map((row: { id: string }) => row.id);
    const reports: Array<{ projectId: string; reportId: string }> = [];
    for (const projectId of projects) {
      const [{ id }] = (
        await db.query(`INSERT INTO progress_reports (project_id, period, text, author_id, author_name) VALUES ($1, '2026-03', '基准测试', $2, 'bench') RETURNING id`, [projectId, authorId])
      ).rows;
      reports.push({ projectId, reportId: id });
    }
    const uploadUrl = (r: { projectId: string; reportId: string }) => `${base}/api/v1/projects/${r.projectId}/progress-reports/${r.reportId}/attachments`;

    // The limit: a plain stream copy of a 10 MiB file on the same disk.
    const source = join(work, 'ten-mib.pdf');
    const copies: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await makeFile(source, 10 * MiB);
      const started = performance.now();
      await pipeline(createReadStream(source), createWriteStream(join(work, `copy-${run}.pdf`)));
      copies.push(performance.now() - started);
    }
    const copyMiBs = 10 / (median(copies) / 1000);

    // Upload and download of 10 MiB, one at a time (warm-up first).
    await makeFile(source, 10 * MiB);
    await upload(uploadUrl(reports[0]), authorization, source, 'warm-up.pdf');
    const ups: number[] = [];
    const downs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await makeFile(source, 10 * MiB);
      let started = performance.now();
      const answer = await upload(uploadUrl(reports[run + 1]), authorization, source, `十兆-${run}.pdf`);
      ups.push(performance.now() - started);
      if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${answer.body}`);
      const { downloadUrl } = (JSON.parse(answer.body) as { attached: Array<{ downloadUrl: string }> }).attached[0];
      started = performance.now();
      await download(`${base}${downloadUrl}`, authorization, join(work, `down-${run}.pdf`));
      downs.push(performance.now() - started);
    }
    const upMiBs = 10 / (median(ups) / 1000);
    const downMiBs = 10 / (median(downs) / 1000);

    // 20 uploads at once, at 1 MiB and at 10 MiB each: the API's peak RSS above its idle RSS.
    const concurrent = async (bytes: number, label: string) => {
      const files: string[] = [];
      for (let i = 0; i < CONCURRENT; i++) {
        const path = join(work, `c-${label}-${i}.pdf`);
        await makeFile(path, bytes);
        files.push(path);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      const idle = await rssOf(api.pid!);
      const started = performance.now();
      const peak = await peakRssDuring(api.pid!, () =>
        Promise.all(
          files.map(async (path, i) => {
            const answer = await upload(uploadUrl(reports[i]), authorization, path, `并发-${label}-${i}.pdf`);
            if (answer.status !== 201) throw new Error(`concurrent upload answered ${answer.status}: ${answer.body}`);
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(files.map((path) => rm(path, { force: true })));
      return { idle, peak, seconds };
    };
    const small = await concurrent(1 * MiB, '1m');
    const large = await concurrent(10 * MiB, '10m');
    const growth = (r: { idle: number; peak: number }) => (r.peak - r.idle) / MiB;

    return [
      {
        name: 'upload 10 MiB (multipart, streamed: hash, type check, store, row + audit)',
        value: upMiBs,
        unit: 'MiB/s',
        limitName: 'stream copy, same disk',
        limitValue: copyMiBs,
        ratio: throughputRatio(upMiBs, copyMiBs),
        notes: `median of ${RUNS}; ${median(ups).toFixed(0)} ms vs ${median(copies).toFixed(0)} ms; machine load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores (shared: figures vary between runs)`,
      },
      {
        name: 'download 10 MiB (streamed, written to disk by the client)',
        value: downMiBs,
        unit: 'MiB/s',
        limitName: 'stream copy, same disk',
        limitValue: copyMiBs,
        ratio: throughputRatio(downMiBs, copyMiBs),
        notes: `median of ${RUNS}; ${median(downs).toFixed(0)} ms`,
      },
      {
        name: `API peak RSS, ${CONCURRENT} uploads at once of 10 MiB each`,
        value: large.peak / MiB,
        unit: 'MiB',
        limitName: 'same, of 1 MiB each',
        limitValue: small.peak / MiB,
        ratio: small.peak / large.peak,
        notes: `above idle: +${growth(large).toFixed(1)} MiB vs +${growth(small).toFixed(1)} MiB (idle ${(large.idle / MiB).toFixed(0)} / ${(small.idle / MiB).toFixed(0)} MiB); ${CONCURRENT} × 10 MiB = 200 MiB of files in ${large.seconds.toFixed(1)} s; ratio 1.00 = no growth with the file size`,
      },
    ];
  } finally {
    await stop(api);
    await db.end();
    await rm(work, { recursive: true, force: true });
    await dropBenchDatabase(DATABASE);
  }
}
