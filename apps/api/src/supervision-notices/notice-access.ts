import { EntityManager } from 'typeorm';
import type { SupervisionNotice } from '@app/domain';
import { requireRecordRead } from '../access/access';
import type { Principal } from '../auth/principal';

/** A notice concerns a leader when one of its items is about a project they are the lead official (包联领导) of. */
export const leadOfficialOfNotice = (notice: string, user: string) =>
  `SELECT 1 FROM supervision_notice_items lead_item JOIN projects lead_project ON lead_project.id = lead_item.project_id
    WHERE lead_item.notice_id = ${notice} AND lead_project.lead_official_user_id = ${user}`;

/** 403 unless the caller may see this notice (and what is attached to it); the rule is access.ts's READ_REACH. */
export function requireNoticeRead(manager: EntityManager, principal: Principal, notice: Pick<SupervisionNotice, 'id' | 'ownerDepartmentId'>): Promise<void> {
  return requireRecordRead(principal, 'supervision-notice', notice.ownerDepartmentId, async () => {
    const [row] = await manager.query(`SELECT EXISTS (${leadOfficialOfNotice('$1', '$2')}) AS yes`, [notice.id, principal.id]);
    return row.yes === true;
  });
}
