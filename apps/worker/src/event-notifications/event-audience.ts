import type { EntityManager } from 'typeorm';
import type { EventAudience } from '@app/domain';

/**
 * The active users an event's audience names, each once: the units' department
 * editors, named users, the projects' lead officials, the 督查室.
 */
export async function audienceUsers(manager: EntityManager, audience: EventAudience): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id FROM users WHERE is_active AND role = 'department_editor' AND department_id = ANY($1::uuid[])
     UNION
     SELECT id FROM users WHERE is_active AND id = ANY($2::uuid[])
     UNION
     SELECT u.id FROM projects p JOIN users u ON u.id = p.lead_official_user_id WHERE u.is_active AND p.id = ANY($3::uuid[])
     UNION
     SELECT id FROM users WHERE $4 AND is_active AND role = 'supervisor'
     ORDER BY id`,
    [audience.unitIds ?? [], audience.userIds ?? [], audience.leadOfficialsOfProjects ?? [], audience.supervisors === true],
  );
  return rows.map((row) => row.id);
}
