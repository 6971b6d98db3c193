import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { chineseReason, fieldKey, mapFormErrors, useFormErrors } from './useFormErrors';

const validation = (details: Array<{ field: string; reason: string }>) => new ApiError(400, 'VALIDATION_FAILED', 'Validation failed', details);

describe('the API’s field errors on a form', () => {
  it('puts each reason under the field it names, in Chinese', () => {
    const error = validation([
      { field: 'username', reason: 'username must be 2–64 lower-case letters, digits, "-", "_" or ".", starting with a letter or digit' },
      { field: 'password', reason: 'password must be at least 12 characters (密码至少 12 个字符)' },
    ]);
    expect(mapFormErrors(error, ['username', 'password', 'role'])).toEqual({
      fields: { username: '用户名为 2–64 位小写字母、数字或 - _ .，以字母或数字开头', password: '密码至少 12 个字符' },
      message: '',
    });
  });

  it('files indexed fields under their list (holidays[3] → holidays) and joins two reasons once each', () => {
    const error = validation([
      { field: 'holidays[3]', reason: '2026-13-01 is not a date YYYY-MM-DD' },
      { field: 'holidays[4]', reason: '2027-01-01 is not in 2026' },
      { field: 'workdays', reason: '2026-02-18 is a weekday: workdays lists the weekend days that are worked (调休)' },
      { field: 'workdays', reason: '2026-02-18 is a weekday: workdays lists the weekend days that are worked (调休)' },
    ]);
    const { fields } = mapFormErrors(error, ['holidays', 'workdays']);
    expect(fields.holidays).toBe('2026-13-01 不是有效日期（YYYY-MM-DD）；2027-01-01 不在 2026 年内');
    expect(fields.workdays).toBe('2026-02-18 是周一至周五，调休上班日应为周末');
    expect(fieldKey('dueSoonOffsets.0')).toBe('dueSoonOffsets');
  });

  it('says above the form what names no field of it, and a failure without details in words', () => {
    const error = validation([
      { field: 'address', reason: 'address must use https:// (http only for localhost)' },
      { field: 'version', reason: 'version must not be less than 1' },
    ]);
    expect(mapFormErrors(error, ['address', 'label'])).toEqual({
      fields: { address: '机器人地址须为 https:// 开头的公网地址' },
      message: '填写的内容有误，请检查标红的项目：不能小于 1',
    });
    expect(mapFormErrors(new ApiError(403, 'FORBIDDEN', 'no'), ['address'])).toEqual({ fields: {}, message: '没有权限执行此操作' });
    expect(mapFormErrors(new TypeError('fetch failed'), ['address']).message).toBe('网络连接异常，请检查网络后重试');
  });

  it('maps a 409 naming the field (username taken, last admin) beside that field', () => {
    const taken = new ApiError(409, 'USERNAME_TAKEN', 'taken', [{ field: 'username', reason: 'already used by another user' }]);
    expect(mapFormErrors(taken, ['username']).fields).toEqual({ username: '已被使用，请换一个' });
    const last = new ApiError(409, 'LAST_ADMIN', 'last', [{ field: 'role', reason: 'the last active admin must stay an active admin' }]);
    expect(mapFormErrors(last, ['role']).fields.role).toBe('这是最后一个启用的管理员，不能停用或改为其他角色');
  });

  it('never shows an English sentence: an unknown reason becomes a plain Chinese one', () => {
    expect(chineseReason('something nobody foresaw')).toBe('此项填写有误');
    expect(chineseReason('overdueRepeatEvery must not be greater than 60')).toBe('不能大于 60');
    expect(chineseReason('sendAt must be a time HH:MM (00:00–23:59)')).toBe('时间格式为 HH:MM（00:00–23:59）');
  });

  it('the composable captures and clears', () => {
    const form = useFormErrors(['name']);
    form.capture(validation([{ field: 'name', reason: 'name should not be empty' }]));
    expect(form.errors.value).toEqual({ name: '此项必填' });
    expect(form.message.value).toBe('');
    form.clear();
    expect(form.errors.value).toEqual({});
  });
});
