import { describe, expect, it } from 'vitest';
import { buildOutcomeText, endedWeeks, formatCell, isoWeekOf } from './weekly-view';

describe('周报 page logic', () => {
  it('writes cells by their column kind', () => {
    expect(formatCell('29345.6789', 'wan')).toBe('29,345.68');
    expect(formatCell('31.1', 'percent')).toBe('31.10%');
    expect(formatCell(null, 'percent')).toBe('—');
    expect(formatCell(12, 'int')).toBe('12');
    expect(formatCell('区教育局', 'text')).toBe('区教育局');
  });

  it('names ISO weeks, across a year end', () => {
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2026-11-16')).toBe('2026-W47');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });

  it('lists the weeks that have ended, newest first', () => {
    expect(endedWeeks('2026-11-25', 2)).toEqual([
      { isoWeek: '2026-W47', start: '2026-11-16', end: '2026-11-22' },
      { isoWeek: '2026-W46', start: '2026-11-09', end: '2026-11-15' },
    ]);
    // On a Monday, last week has just ended.
    expect(endedWeeks('2026-11-23', 1)[0].isoWeek).toBe('2026-W47');
  });

  it('says plainly what a build answered', () => {
    expect(buildOutcomeText(201, '2026-W47').text).toContain('已生成');
    expect(buildOutcomeText(200, '2026-W47').text).toContain('已存在，未重新生成');
    expect(buildOutcomeText(409, '2026-W48')).toMatchObject({ type: 'warning' });
  });
});
