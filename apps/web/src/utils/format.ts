/**
 * How the workbench writes numbers and dates: money in 万元 with thousands separators and two decimals (from the
 * API's exact decimal strings, never through floating point), dates as YYYY-MM-DD and times in Asia/Shanghai
 * whatever the browser's own time zone is.
 */

export const TIME_ZONE = 'Asia/Shanghai';
const EMPTY = '—';

/** "96087.7" → "96,087.70"; "-0.005" → "-0.01"; exact decimal rounding (half away from zero) on the string. */
export function formatWanNumber(value: string | number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const text = typeof value === 'number' ? value.toString() : value.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return EMPTY;
  const [, minus, intPart = '', fracPart = ''] = match;
  const scale = 10n ** BigInt(decimals);
  const digits = BigInt((intPart || '0') + fracPart.padEnd(decimals, '0').slice(0, decimals));
  const roundUp = fracPart.length > decimals && Number(fracPart[decimals]) >= 5;
  const scaled = digits + (roundUp ? 1n : 0n);
  const whole = (scaled / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals > 0 ? `.${(scaled % scale).toString().padStart(decimals, '0')}` : '';
  const negative = minus === '-' && scaled !== 0n;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** With the unit: "96,087.70 万元". */
export function formatWan(value: string | number | null | undefined): string {
  const number = formatWanNumber(value);
  return number === EMPTY ? EMPTY : `${number} 万元`;
}

/** "12.5" → "12.50%"; null → "—". */
export function formatPercent(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  return `${formatWanNumber(value)}%`;
}

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(instant: Date): Record<string, string> {
  return Object.fromEntries(dateParts.formatToParts(instant).map((part) => [part.type, part.value]));
}

/** A calendar date ("2026-12-03") stays as it is; an instant becomes its Asia/Shanghai date. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return EMPTY;
  const p = shanghaiParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant as "YYYY-MM-DD HH:mm", Asia/Shanghai. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return EMPTY;
  const p = shanghaiParts(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Today's calendar date in Asia/Shanghai (for defaults of date fields, never for computing lateness). */
export function todayInShanghai(now: Date = new Date()): string {
  return formatDate(now);
}

/** This month in Asia/Shanghai, "YYYY-MM" (the default period of a progress report). */
export function currentMonthInShanghai(now: Date = new Date()): string {
  return todayInShanghai(now).slice(0, 7);
}
