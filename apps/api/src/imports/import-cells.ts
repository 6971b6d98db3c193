/**
 * Reading the cells of an imported sheet the way clerks type them: dates as
 * `2026-09-01`, `2026/9/1`, `2026年9月1日` or an Excel date (a date-formatted cell or
 * a bare serial number); amounts in 万元 as numbers or text with 「万元」 and thousands
 * separators (`1,234.5`, `1,234.5万元`, full-width digits too). Formulas: the value
 * Excel calculated and saved with the file (the cached result) is taken; a formula
 * saved without one makes the file a 400 (ImportErrors.formulaWithoutValue).
 */
import type { Cell, CellValue } from 'exceljs';
import { isCalendarDate, isWanAmount, wanToYuan } from '@app/domain';

/** A cell reduced to what the import reads: text, a number, a date, or nothing. */
export type PlainCell = string | number | Date | null;

export class FormulaWithoutValue extends Error {}

export function plainCell(cell: Cell): PlainCell {
  return plainValue(cell.value, cell.address);
}

function plainValue(value: CellValue, address: string): PlainCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) throw new FormulaWithoutValue(address);
      if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: string }).error);
      return plainValue(result as CellValue, address);
    }
    if ('richText' in value) return plainValue(value.richText.map((part) => part.text).join(''), address);
    if ('text' in value) return plainValue((value as { text: CellValue }).text, address);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

export function cellText(value: PlainCell): string | null {
  if (value === null) return null;
  if (value instanceof Date) return calendarDateOf(value);
  return String(value).normalize('NFKC').trim() || null;
}

/** Excel stores a date cell as days since 1899-12-30 (the 1900 system, its leap-year bug included). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

function calendarDateOf(date: Date): string {
  // exceljs gives a date cell as that calendar day at 00:00 UTC.
  return date.toISOString().slice(0, 10);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A calendar date 'YYYY-MM-DD' from a date cell, an Excel serial number, or text. */
export function parseDateCell(value: PlainCell): Parsed<string> {
  if (value instanceof Date) return { ok: true, value: calendarDateOf(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 36526 || value > 73051) return { ok: false, reason: `${value} is not a date (an Excel date number between 2000 and 2100)` };
    return { ok: true, value: new Date(EXCEL_EPOCH_UTC + value * 86_400_000).toISOString().slice(0, 10) };
  }
  const text = cellText(value) ?? '';
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return { ok: false, reason: `「${text}」 is not a date: write YYYY-MM-DD, e.g. 2026-09-01` };
  const date = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  if (!isCalendarDate(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date || date < '2000-01-01' || date > '2100-12-31') {
    return { ok: false, reason: `「${text}」 is not a calendar date between 2000-01-01 and 2100-12-31` };
  }
  return { ok: true, value: date };
}

/** A month 'YYYY-MM' from text (2026-06, 2026/6, 2026年6月) or a date cell / serial (its month). */
export function parseMonthCell(value: PlainCell): Parsed<string> {
  if (value instanceof Date || typeof value === 'number') {
    const date = parseDateCell(value);
    return date.ok ? { ok: true, value: date.value.slice(0, 7) } : date;
  }
  const text = cellText(value) ?? '';
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12 || Number(match[1]) < 2000 || Number(match[1]) > 2100) {
    return { ok: false, reason: `「${text}」 is not a month: write YYYY-MM, e.g. 2026-06` };
  }
  return { ok: true, value: `${match[1]}-${String(month).padStart(2, '0')}` };
}

/** An amount in 万元 → whole yuan (string). Thousands separators and a 「万元」 suffix are accepted. */
export function parseWanCell(value: PlainCell): Parsed<string> {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { ok: false, reason: `${value} is not an amount in 万元 (zero or more)` };
    // A typed number: at most 4 decimals (1 元) are meaningful; Excel's binary noise is cut.
    text = String(Math.round(value * 10_000) / 10_000);
  } else {
    text = (cellText(value) ?? '').replace(/\s+/g, '');
    if (/亿/.test(text)) return { ok: false, reason: `「${text}」: write the amount in 万元 (1 亿元 = 10000 万元)` };
    if (/元$/.test(text) && !/万元$/.test(text)) return { ok: false, reason: `「${text}」: write the amount in 万元, not 元` };
    text = text.replace(/万元$/, '').replace(/万$/, '');
    // Thousands separators: 1,234,567.89 (commas only between groups of three digits).
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  }
  if (text.startsWith('-')) return { ok: false, reason: `「${text}」: an amount cannot be negative` };
  if (!isWanAmount(text)) return { ok: false, reason: `「${text}」 is not an amount in 万元 (e.g. 1234.5678, at most 4 decimals)` };
  return { ok: true, value: wanToYuan(text) };
}

/** A percentage 0–100 as text with at most two decimals. */
export function parsePercentCell(value: PlainCell): Parsed<string> {
  const text = typeof value === 'number' ? String(value) : (cellText(value) ?? '').replace(/%$/, '');
  const number = Number(text);
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || number > 100) return { ok: false, reason: `「${text}」 is not a percentage from 0 to 100` };
  return { ok: true, value: text };
}
