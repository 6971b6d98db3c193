import type { EntityManager } from 'typeorm';

/** One SQL statement with its parameters, numbered from $1. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Runs data-modifying statements (INSERT/UPDATE/DELETE, no RETURNING needed) as
 * one query — `WITH s0 AS (…), s1 AS (…) SELECT 1` — so a write that must also
 * leave an audit row, an outbox event and a version bump costs one round trip
 * instead of three. Postgres runs every data-modifying WITH part exactly once,
 * in the caller's transaction, on the same snapshot: the parts must not change
 * the same rows. Each part's $n is renumbered after the parts before it.
 */
export async function executeTogether(manager: EntityManager, statements: readonly Statement[]): Promise<void> {
  const params: unknown[] = [];
  const parts = statements.map(({ sql, params: own }, i) => {
    const offset = params.length;
    params.push(...own);
    return `s${i} AS (${sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  await manager.query(`WITH ${parts.join(', ')} SELECT 1`, params);
}
