import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { RetryLaterError } from '../common/app-error';
import { AuthErrors } from './auth.errors';

/**
 * Failed sign-ins, counted in Postgres (login_throttle) so that every API
 * process agrees, in fixed windows of LOGIN_FAILURE_WINDOW_SECONDS:
 *
 * - `account-address:<username>|<address>` — LOGIN_MAX_FAILURES (10): one
 *   address guessing one account. A correct password clears it.
 * - `address:<address>` — LOGIN_MAX_FAILURES_PER_ADDRESS (50): one address
 *   trying many accounts (password spraying).
 * - `account:<username>` — LOGIN_MAX_FAILURES_PER_ACCOUNT (100): guesses at one
 *   account spread over many addresses. It does not apply to an address the
 *   account has signed in from (a session row of the last 30 days), so a
 *   stranger cannot lock the real user out of their usual desk.
 *
 * An attempt is admitted before the password is checked and counted at once
 * (one atomic upsert per key), so parallel guesses cannot slip past the limit
 * while bcrypt runs; a success gives its place back. A refused attempt never
 * reaches bcrypt and answers 429 with Retry-After: the time until the window
 * that blocks it ends.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Admits one sign-in attempt, or throws 429 TOO_MANY_LOGIN_FAILURES. `userId` when the username exists. */
  async admit(username: string, address: string, userId: string | null): Promise<void> {
    const keys = keysOf(username, address);
    const account = await this.current(keys.account);
    if (account && account.failures >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT && !(await this.isKnownAddress(userId, address))) {
      throw refused(account.retryAfter, 'this account, from addresses it has not signed in from');
    }
    const pair = await this.count(keys.pair);
    if (pair.failures > this.config.LOGIN_MAX_FAILURES) throw refused(pair.retryAfter, 'this account from this address');
    const byAddress = await this.count(keys.address);
    if (byAddress.failures > this.config.LOGIN_MAX_FAILURES_PER_ADDRESS) {
      await this.giveBack(keys.pair);
      throw refused(byAddress.retryAfter, 'this address');
    }
  }

  /** The admitted attempt failed: it stays counted, and counts against the account too. */
  async failed(username: string, address: string): Promise<void> {
    await this.count(keysOf(username, address).account);
    // Keep the table small: a window that has ended counts nothing.
    void this.dataSource
      .query(`DELETE FROM login_throttle WHERE window_started_at <= now() - make_interval(secs => $1)`, [this.windowSeconds])
      .catch(() => undefined);
  }

  /** The admitted attempt succeeded: this account's count at this address starts again; the address gets its place back. */
  async succeeded(username: string, address: string): Promise<void> {
    const keys = keysOf(username, address);
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = $1`, [keys.pair]);
    await this.giveBack(keys.address);
  }

  private get windowSeconds(): number {
    return this.config.LOGIN_FAILURE_WINDOW_SECONDS;
  }

  /** One more in the key's window (a new window when the last one has ended); the count and seconds left. */
  private async count(key: string): Promise<{ failures: number; retryAfter: number }> {
    const [row]: Array<{ failures: number; retry_after: number }> = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started_at END
       RETURNING failures, ceil(extract(epoch FROM t.window_started_at + make_interval(secs => $2) - now()))::int AS retry_after`,
      [key, this.windowSeconds],
    );
    return { failures: row.failures, retryAfter: row.retry_after };
  }

  private async current(key: string): Promise<{ failures: number; retryAfter: number } | undefined> {
    const [row]: Array<{ failures: number; retry_after: number }> = await this.dataSource.query(
      `SELECT failures, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS retry_after
         FROM login_throttle WHERE key = $1 AND window_started_at > now() - make_interval(secs => $2)`,
      [key, this.windowSeconds],
    );
    return row ? { failures: row.failures, retryAfter: row.retry_after } : undefined;
  }

  private async giveBack(key: string): Promise<void> {
    await this.dataSource.query(`UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0`, [key]);
  }

  private async isKnownAddress(userId: string | null, address: string): Promise<boolean> {
    if (!userId) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM auth_sessions WHERE user_id = $1 AND client_address = $2 LIMIT 1`,
      [userId, address.slice(0, 64)],
    );
    return rows.length > 0;
  }
}

function keysOf(username: string, address: string): { pair: string; address: string; account: string } {
  const name = username.trim().toLowerCase().slice(0, 64);
  const from = address.slice(0, 64);
  return { pair: `account-address:${name}|${from}`, address: `address:${from}`, account: `account:${name}` };
}

function refused(retryAfter: number, scope: string): RetryLaterError {
  const seconds = Math.max(1, retryAfter);
  return AuthErrors.tooManyLoginFailures(scope, seconds);
}
