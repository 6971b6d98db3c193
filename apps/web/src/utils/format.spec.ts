import { describe, expect, it } from 'vitest';
import { currentMonthInShanghai, formatDate, formatDateTime, formatPercent, formatWan, formatWanNumber, todayInShanghai } from './format';

describe('万元 formatting', () => {
  it('adds thousands separators and two decimals, exactly from the decimal string', () => {
    expect(formatWanNumber('96087.7')).toBe('96,087.70');
    expect(formatWanNumber('1234567.8901')).toBe('1,234,567.89');
    expect(formatWanNumber('0')).toBe('0.00');
    expect(formatWanNumber('999')).toBe('999.00');
    expect(formatWan('17659.79')).toBe('17,659.79 万元');
  });

  it('rounds half away from zero on the digits, without floating point', () => {
    expect(formatWanNumber('0.125')).toBe('0.13');
    expect(formatWanNumber('2.675')).toBe('2.68'); // 2.675 in binary floating point would round to 2.67
    expect(formatWanNumber('9999999999999999.995')).toBe('10,000,000,000,000,000.00');
    expect(formatWanNumber('-1234.5')).toBe('-1,234.50');
    expect(formatWanNumber('-0.001')).toBe('0.00');
  });

  it('shows a dash for missing or unreadable amounts', () => {
    expect(formatWan(null)).toBe('—');
    expect(formatWan(undefined)).toBe('—');
    expect(formatWanNumber('abc')).toBe('—');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent('60')).toBe('60.00%');
  });
});

describe('dates in Asia/Shanghai', () => {
  it('keeps calendar dates as they are', () => {
    expect(formatDate('2026-12-03')).toBe('2026-12-03');
  });

  it('puts an instant on its Shanghai date and time, whatever the browser zone', () => {
    // 2026-12-03 17:30 UTC is already the 4th in Shanghai (UTC+8).
    expect(formatDate('2026-12-03T17:30:00.000Z')).toBe('2026-12-04');
    expect(formatDateTime('2026-12-03T17:30:00.000Z')).toBe('2026-12-04 01:30');
    expect(formatDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00');
    expect(todayInShanghai(new Date('2026-06-30T16:59:00Z'))).toBe('2026-07-01');
    expect(currentMonthInShanghai(new Date('2026-06-30T16:59:00Z'))).toBe('2026-07');
  });

  it('shows a dash for nothing', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});
