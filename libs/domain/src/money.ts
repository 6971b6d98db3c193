/**
 * Money is stored as integer yuan (Postgres bigint, a decimal string in JS) and
 * never passes through a float. The plan and the departments speak in 万元; the
 * conversion happens here, at the edge, with string arithmetic.
 */
const WAN_PATTERN = /^-?\d{1,12}(\.\d{1,4})?$/;
const YUAN_PATTERN = /^-?\d{1,16}$/;

/** Whether a string is an amount in 万元 that converts to whole yuan (at most 4 decimals). */
export function isWanAmount(value: unknown): value is string {
  return typeof value === 'string' && WAN_PATTERN.test(value);
}

export function isYuanAmount(value: unknown): value is string {
  return typeof value === 'string' && YUAN_PATTERN.test(value);
}

/** "1234.5" 万元 → "12345000" yuan. */
export function wanToYuan(wan: string): string {
  if (!isWanAmount(wan)) throw new RangeError(`not an amount in 万元: ${wan}`);
  const negative = wan.startsWith('-');
  const [whole, fraction = ''] = wan.replace('-', '').split('.');
  const yuan = BigInt(whole) * 10000n + BigInt(fraction.padEnd(4, '0'));
  return (negative ? -yuan : yuan).toString();
}

/** "12345000" yuan → "1234.5" 万元 (trailing zeros dropped). */
export function yuanToWan(yuan: string | bigint): string {
  const value = BigInt(yuan);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 10000n;
  const fraction = (abs % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function sumYuan(values: Iterable<string | bigint | null | undefined>): string {
  let total = 0n;
  for (const value of values) if (value !== null && value !== undefined) total += BigInt(value);
  return total.toString();
}

/** Percentage part/whole with two decimals, as a string; null when whole is zero. */
export function percentOf(part: string | bigint, whole: string | bigint): string | null {
  const w = BigInt(whole);
  if (w === 0n) return null;
  const basisPoints = (BigInt(part) * 10000n * 10n) / w; // one extra digit for rounding
  const rounded = (basisPoints + (basisPoints >= 0n ? 5n : -5n)) / 10n;
  const sign = rounded < 0n ? '-' : '';
  const abs = rounded < 0n ? -rounded : rounded;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
