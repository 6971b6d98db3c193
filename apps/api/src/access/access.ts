import type { UserRole } from '@app/domain';
import type { Principal } from '../auth/principal';
import { AccessErrors } from './access.errors';

/**
 * Who may do what to the things a unit (责任单位) owns — the one table every
 * service asks, so no service re-derives the rule.
 *
 * Route guards (@AllowRoles) decide which roles may call a route at all; this
 * decides, per record, whether *this* caller may touch *this* unit's record.
 *
 * The policy for "not yours" is the same everywhere: 403. A 404 only ever means
 * the record does not exist. NOT_OWN_DEPARTMENT says it belongs to another unit,
 * NOT_LEAD_OFFICIAL that a leader asked about projects they do not lead (包联),
 * FORBIDDEN that the role (or an API key) may not do this at all.
 */

/** How far a role reaches: every unit's records, its own unit's, those of projects it leads, or none. */
export type Reach = 'all' | 'own-unit' | 'led-projects' | 'none';

/** Records whose reads are scoped; everything else a route lets you read, you read whole. */
export type ScopedRecord = 'supervision-notice' | 'deadline-change';

/** Writes to a unit's projects and what hangs off them (milestones, reports, investment, evidence, channels). */
export const WRITE_REACH: Readonly<Record<UserRole, Reach>> = {
  admin: 'all',
  department_editor: 'own-unit',
  supervisor: 'none',
  viewer: 'none',
  leader: 'none',
};

export const READ_REACH: Readonly<Record<ScopedRecord, Readonly<Record<UserRole, Reach>>>> = {
  'supervision-notice': { admin: 'all', supervisor: 'all', viewer: 'all', department_editor: 'own-unit', leader: 'led-projects' },
  'deadline-change': { admin: 'all', supervisor: 'all', viewer: 'all', department_editor: 'own-unit', leader: 'all' },
};

/** True when the caller may write records owned by this unit. */
export function mayWriteForUnit(principal: Principal, ownerUnitId: string | null): boolean {
  if (principal.kind !== 'user' || principal.role === null) return false;
  const reach = WRITE_REACH[principal.role];
  return reach === 'all' || (reach === 'own-unit' && principal.departmentId !== null && principal.departmentId === ownerUnitId);
}

/**
 * 403 unless the caller may write records owned by this unit (or, for a new
 * project, hand one to it). `what` names the thing in the message.
 */
export function requireUnitWrite(principal: Principal, ownerUnitId: string | null, what = 'this project'): void {
  if (mayWriteForUnit(principal, ownerUnitId)) return;
  if (principal.kind !== 'user' || principal.role === null) throw AccessErrors.readOnlyApiKey();
  if (WRITE_REACH[principal.role] === 'own-unit') throw AccessErrors.notOwnDepartment(what);
  throw AccessErrors.roleMayNotWrite(principal.role);
}

/**
 * 403 unless the caller may read this scoped record. `leadsOneOf` answers
 * whether the caller is the lead official of one of the record's projects;
 * it is only asked when the role's reach depends on it.
 */
export async function requireRecordRead(
  principal: Principal,
  record: ScopedRecord,
  ownerUnitId: string | null,
  leadsOneOf: () => Promise<boolean> = async () => false,
): Promise<void> {
  const reach = principal.role === null ? 'all' : READ_REACH[record][principal.role];
  if (reach === 'all') return;
  if (reach === 'own-unit') {
    if (principal.departmentId !== null && principal.departmentId === ownerUnitId) return;
    throw AccessErrors.notOwnDepartment(RECORD_NAMES[record]);
  }
  if (reach === 'led-projects' && (await leadsOneOf())) return;
  throw reach === 'led-projects' ? AccessErrors.notLeadOfficial(RECORD_NAMES[record]) : AccessErrors.roleMayNotRead(RECORD_NAMES[record]);
}

/** What a list of scoped records is narrowed to for this caller: nothing, its own unit, or the projects it leads. */
export type ListScope = { kind: 'all' } | { kind: 'own-unit'; unitId: string } | { kind: 'led-projects'; userId: string };

export function listScope(principal: Principal, record: ScopedRecord): ListScope {
  const reach = principal.role === null ? 'all' : READ_REACH[record][principal.role];
  if (reach === 'own-unit') return { kind: 'own-unit', unitId: principal.departmentId ?? NO_UNIT };
  if (reach === 'led-projects') return { kind: 'led-projects', userId: principal.id };
  return { kind: 'all' };
}

/** An editor without a unit sees no unit's records: a uuid no department has. */
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

const RECORD_NAMES: Readonly<Record<ScopedRecord, string>> = {
  'supervision-notice': 'this supervision notice',
  'deadline-change': 'this deadline-change request',
};
