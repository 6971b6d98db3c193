import { EntityManager } from 'typeorm';
import type { SupervisionNotice } from '@app/domain';
import type { Principal } from '../auth/principal';

/** A notice concerns a leader when one of its items is about a project they are the lead official (包联领导) of. */
export const leadOfficialOfNotice = (notice: string, user: string) =>
  `SELECT 1 FROM supervision_notice_items lead_item JOIN projects lead_project ON lead_project.id = lead_item.project_id
    WHERE lead_item.notice_id = ${notice} AND lead_project.lead_official_user_id = ${user}`;

/**
 * Who may see a notice (and what is attached to it): department editors their own unit's notices only; leaders
 * those about a project they are the lead official of; everyone else who may call the routes sees all.
 */
export async function mayReadNotice(manager: EntityManager, principal: Principal, notice: Pick<SupervisionNotice, 'id' | 'ownerDepartmentId'>): Promise<boolean> {
  if (principal.role === 'department_editor') return notice.ownerDepartmentId === principal.departmentId;
  if (principal.role === 'leader') {
    const [row] = await manager.query(`SELECT EXISTS (${leadOfficialOfNotice('$1', '$2')}) AS yes`, [notice.id, principal.id]);
    return row.yes === true;
  }
  return true;
}
