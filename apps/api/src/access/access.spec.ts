import type { UserRole } from '@app/domain';
import type { Principal } from '../auth/principal';
import { listScope, mayWriteForUnit, requireRecordRead, requireUnitWrite } from './access';

const UNIT_A = 'a0000000-0000-4000-8000-000000000001';
const UNIT_B = 'b0000000-0000-4000-8000-000000000002';
const user = (role: UserRole, departmentId: string | null = null): Principal => ({ kind: 'user', id: `${role}-id`, name: role, role, departmentId, scopes: [] });
const apiKey: Principal = { kind: 'api_key', id: 'key-id', name: '大屏', role: null, departmentId: null, scopes: ['projects:read'] };

const codeOf = (action: () => void): string | undefined => {
  try {
    action();
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('access: who may touch what a unit owns', () => {
  it.each([
    ['admin', user('admin'), UNIT_A, undefined],
    ['its own editor', user('department_editor', UNIT_A), UNIT_A, undefined],
    ["another unit's editor", user('department_editor', UNIT_B), UNIT_A, 'NOT_OWN_DEPARTMENT'],
    ['an editor without a unit, on a project without one', user('department_editor'), null, 'NOT_OWN_DEPARTMENT'],
    ['the 督查室', user('supervisor'), UNIT_A, 'FORBIDDEN'],
    ['a viewer', user('viewer'), UNIT_A, 'FORBIDDEN'],
    ['a leader', user('leader'), UNIT_A, 'FORBIDDEN'],
    ['an API key', apiKey, UNIT_A, 'FORBIDDEN'],
  ] as const)('writes: %s → %s', (_who, principal, unit, code) => {
    expect(codeOf(() => requireUnitWrite(principal, unit))).toBe(code);
    expect(mayWriteForUnit(principal, unit)).toBe(code === undefined);
  });

  it('reads notices: own unit, led projects, or everything — and 403, never a silent miss', async () => {
    const leadsNone = async () => false;
    const leadsOne = async () => true;
    await expect(requireRecordRead(user('department_editor', UNIT_A), 'supervision-notice', UNIT_A, leadsNone)).resolves.toBeUndefined();
    await expect(requireRecordRead(user('department_editor', UNIT_B), 'supervision-notice', UNIT_A, leadsNone)).rejects.toMatchObject({ code: 'NOT_OWN_DEPARTMENT' });
    await expect(requireRecordRead(user('leader'), 'supervision-notice', UNIT_A, leadsOne)).resolves.toBeUndefined();
    await expect(requireRecordRead(user('leader'), 'supervision-notice', UNIT_A, leadsNone)).rejects.toMatchObject({ code: 'NOT_LEAD_OFFICIAL' });
    await expect(requireRecordRead(user('viewer'), 'supervision-notice', UNIT_A, leadsNone)).resolves.toBeUndefined();
    // Deadline-change requests: leaders read them all.
    await expect(requireRecordRead(user('leader'), 'deadline-change', UNIT_A)).resolves.toBeUndefined();
  });

  it('narrows lists the same way', () => {
    expect(listScope(user('department_editor', UNIT_A), 'supervision-notice')).toEqual({ kind: 'own-unit', unitId: UNIT_A });
    expect(listScope(user('leader'), 'supervision-notice')).toEqual({ kind: 'led-projects', userId: 'leader-id' });
    expect(listScope(user('leader'), 'deadline-change')).toEqual({ kind: 'all' });
    expect(listScope(user('supervisor'), 'deadline-change')).toEqual({ kind: 'all' });
  });
});
