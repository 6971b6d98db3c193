import type { DataSource } from 'typeorm';
import { SecretBox, SecretKeyError } from '@app/config';

/** What one re-encryption pass did. */
export interface ReencryptionResult {
  /** Values rewritten under the current key (plaintext, or a previous key). */
  rewritten: number;
  /** Values whose key is not configured (or that were altered): left as they are. */
  unreadable: number;
  /** Another process held the lock; this pass did nothing. */
  skipped: boolean;
}

const COLUMNS = ['address', 'secret'] as const;
const LOCK_KEY = 'kpt-reencrypt-secrets';

/**
 * Moves every stored department-channel secret to the current key: encrypts
 * legacy plaintext rows and re-encrypts values under a previous key. Raw SQL on
 * purpose — the entity's column transformers would hide which key a value is
 * under. One transaction behind an advisory lock, so API instances starting
 * together do it once. Rows are few (a handful per department).
 */
export async function reencryptChannelSecrets(dataSource: DataSource, box: SecretBox): Promise<ReencryptionResult> {
  return dataSource.transaction(async (manager) => {
    const [{ locked }]: Array<{ locked: boolean }> = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [LOCK_KEY]);
    if (!locked) return { rewritten: 0, unreadable: 0, skipped: true };
    const rows: Array<{ id: string; address: string; secret: string | null }> = await manager.query(
      `SELECT id, address, secret FROM department_channels FOR UPDATE`,
    );
    let rewritten = 0;
    let unreadable = 0;
    for (const row of rows) {
      const changes: Partial<Record<(typeof COLUMNS)[number], string>> = {};
      for (const column of COLUMNS) {
        const stored = row[column];
        if (stored === null || !box.needsReencryption(stored)) continue;
        const context = `department_channels.${column}`;
        try {
          changes[column] = box.encrypt(box.decrypt(stored, context), context);
        } catch (error) {
          if (!(error instanceof SecretKeyError)) throw error;
          unreadable += 1;
        }
      }
      const columns = Object.keys(changes) as Array<(typeof COLUMNS)[number]>;
      if (columns.length === 0) continue;
      // updated_at stays: the channel's settings did not change, only how they are stored.
      await manager.query(`UPDATE department_channels SET ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')} WHERE id = $1`, [
        row.id,
        ...columns.map((column) => changes[column]),
      ]);
      rewritten += columns.length;
    }
    return { rewritten, unreadable, skipped: false };
  });
}
