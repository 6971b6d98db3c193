import type { Statement } from '@app/database';
import { EntityManager } from 'typeorm';

/**
 * A project's representation (GET /projects/:id) includes its milestones and
 * investment, so a write to either bumps the project's version: its ETag then
 * changes, and a client holding the old one gets a fresh copy instead of a 304.
 */
export async function touchProjectVersion(manager: EntityManager, projectId: string): Promise<void> {
  const { sql, params } = touchProjectVersionStatement(projectId);
  await manager.query(sql, params);
}

/** The same as a statement, for a caller that writes it together with others (executeTogether). */
export function touchProjectVersionStatement(projectId: string): Statement {
  return { sql: `UPDATE projects SET version = version + 1, updated_at = now() WHERE id = $1`, params: [projectId] };
}
