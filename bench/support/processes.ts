import { randomBytes } from 'node:crypto';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

const DIST_ROOT = join(__dirname, '..', '..');

/** Starts a compiled entry point (path relative to dist/) as a child process with the given environment. */
export function startNode(entry: string, env: Record<string, string>): ChildProcess {
  return fork(join(DIST_ROOT, entry), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/**
 * Secrets for an API started with NODE_ENV=production: fresh random ones per run, since production refuses any value
 * written in this repository (libs/config/src/known-public-secrets.ts).
 */
export function freshProductionSecrets(): { JWT_SECRET: string; SECRETS_ENCRYPTION_KEY: string } {
  return { JWT_SECRET: randomBytes(48).toString('base64'), SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
}
