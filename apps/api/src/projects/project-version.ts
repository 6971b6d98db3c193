import { EntityManager } from 'typeorm';

/**
 * A project's representation (GET /projects/:id) includes its milestones and
 * investment, so a write to either bumps the project's version: its ETag then
 * changes, and a client holding the old one gets a fresh copy instead of a 304.
 */
export async function touchProjectVersion(manager: EntityManager, projectId: string): Promise<void> {
  await manager.query(`UPDATE projects SET version = version + 1, updated_at = now() WHERE id = $1`, [projectId]);
}
