import { describe, expect, it } from 'vitest';
import { describeConflict, rebaseDraft, type ConflictField } from './conflict';

const fields: ConflictField[] = [
  { key: 'plannedDate', label: '计划日期' },
  { key: 'actualDate', label: '实际完成日期' },
  { key: 'note', label: '备注' },
];

describe('a stale edit (412)', () => {
  const original = { plannedDate: '2026-12-10', actualDate: null, note: '' };
  const fresh = { plannedDate: '2026-12-20', actualDate: null, note: '已协调' };
  const draft = { plannedDate: '2026-12-15', actualDate: null, note: '', reason: '征拆未完成' };

  it('shows, per field, the value before, theirs and yours, and who changed what', () => {
    expect(describeConflict(fields, original, fresh, draft)).toEqual([
      { key: 'plannedDate', label: '计划日期', before: '2026-12-10', theirs: '2026-12-20', yours: '2026-12-15', changedByThem: true, changedByYou: true },
      { key: 'actualDate', label: '实际完成日期', before: '—', theirs: '—', yours: '—', changedByThem: false, changedByYou: false },
      { key: 'note', label: '备注', before: '—', theirs: '已协调', yours: '—', changedByThem: true, changedByYou: false },
    ]);
  });

  it('keeps everything the user typed when reloading', () => {
    const rebased = rebaseDraft(draft, fresh);
    expect(rebased).toEqual(draft);
    expect(rebased).not.toBe(draft);
  });

  it('treats null, undefined and empty text as the same empty value', () => {
    const [row] = describeConflict([{ key: 'note', label: '备注' }], { note: null }, { note: '' }, { note: undefined });
    expect(row).toMatchObject({ changedByThem: false, changedByYou: false });
  });
});
