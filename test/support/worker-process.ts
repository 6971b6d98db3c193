import { ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The real worker as a child process (ts-node on apps/worker/src/main.ts), for crash and signal tests. */
export interface WorkerProcess {
  child: ChildProcess;
  port: number;
  /** What it printed (stdout and stderr), for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ROOT = join(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env, WORKER_HEALTH_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const worker = { child, port, output: () => output, exited };
  await waitForHealth(worker);
  return worker;
}

async function waitForHealth(worker: Omit<WorkerProcess, 'exited'> & { exited: Promise<unknown> }, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void worker.exited.then(() => (dead = true));
  while (Date.now() < deadline && !dead) {
    const status = await new Promise<number>((resolve) => {
      get({ host: '127.0.0.1', port: worker.port, path: '/health', timeout: 1000 }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', () => resolve(0));
    });
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  worker.child.kill('SIGKILL');
  throw new Error(`worker process did not become healthy:\n${worker.output()}`);
}
