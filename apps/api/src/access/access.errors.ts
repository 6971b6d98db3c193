import { HttpStatus } from '@nestjs/common';
import type { UserRole } from '@app/domain';
import { AppError } from '../common/app-error';

/** The codes of "not yours" and "not your role": always 403 (see access.ts for the policy). */
export type AccessErrorCode = 'FORBIDDEN' | 'NOT_OWN_DEPARTMENT' | 'NOT_LEAD_OFFICIAL';

const forbidden = (code: AccessErrorCode, message: string) => new AppError(HttpStatus.FORBIDDEN, code, message);

export const AccessErrors = {
  readOnlyApiKey: () => forbidden('FORBIDDEN', 'API keys can only read'),
  roleMayNotWrite: (role: UserRole) => forbidden('FORBIDDEN', `Your role (${role}) can only read; an admin or the owning unit's editor can change this`),
  roleMayNotRead: (what: string) => forbidden('FORBIDDEN', `Your role may not read ${what}`),
  notOwnDepartment: (what: string) => forbidden('NOT_OWN_DEPARTMENT', `${capitalise(what)} belongs to another unit (责任单位); you can only change or see your own unit's`),
  /** A record the caller may not see because of whose it is: a leader's "not led", everyone else's "another unit's". */
  outOfScope: (role: UserRole | null, what: string) => (role === 'leader' ? AccessErrors.notLeadOfficial(what) : AccessErrors.notOwnDepartment(what)),
  notLeadOfficial: (what: string) => forbidden('NOT_LEAD_OFFICIAL', `${capitalise(what)} concerns no project you are the lead official (包联领导) of`),
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
