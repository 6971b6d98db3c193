import { describe, expect, it } from 'vitest';
import { calendarYearOf, dateRanges, dayState, deliveryErrorInWords, monthWeeks, toggledDay } from './admin-view';

describe('the admin pages’ helpers', () => {
  it('says a channel’s failed delivery in Chinese, from the channel code’s English (never quoting a remote body)', () => {
    expect(deliveryErrorInWords('DingTalk robot webhook answered HTTP 500')).toBe('机器人返回 HTTP 500');
    expect(deliveryErrorInWords('The test message was not delivered: WeCom robot webhook refused the message: errcode 93000 (HTTP 200)')).toBe(
      '机器人拒收消息（错误码 93000），请检查加签密钥或关键词设置',
    );
    expect(deliveryErrorInWords('DingTalk robot webhook did not answer within 5000 ms')).toBe('机器人 5 秒内没有应答');
    expect(deliveryErrorInWords('E-mail is not configured: set SMTP_URL (e.g. smtp://…) and SMTP_FROM')).toBe('系统未配置邮件服务器（SMTP）');
    expect(deliveryErrorInWords('SMTP delivery to a@b.cn failed (EENVELOPE): 550')).toBe('邮件发送失败（EENVELOPE）');
    expect(deliveryErrorInWords('whatever')).toBe('发送失败');
    expect(deliveryErrorInWords(null)).toBe('发送失败');
  });

  it('toggles a day of the office calendar: weekday ↔ 放假; weekend 休息 → 调休上班 → 放假 → 休息', () => {
    const holidays = new Set<string>();
    const workdays = new Set<string>();
    const state = (date: string) => dayState(date, holidays, workdays);
    expect(state('2027-02-08')).toBe('work'); // Monday
    toggledDay('2027-02-08', holidays, workdays);
    expect(state('2027-02-08')).toBe('holiday');
    toggledDay('2027-02-08', holidays, workdays);
    expect(state('2027-02-08')).toBe('work');

    expect(state('2027-02-06')).toBe('weekend'); // Saturday
    toggledDay('2027-02-06', holidays, workdays);
    expect(state('2027-02-06')).toBe('makeup');
    expect([...workdays]).toEqual(['2027-02-06']);
    toggledDay('2027-02-06', holidays, workdays);
    expect(state('2027-02-06')).toBe('holiday');
    expect(workdays.size).toBe(0);
    toggledDay('2027-02-06', holidays, workdays);
    expect(state('2027-02-06')).toBe('weekend');
    expect(holidays.size + workdays.size).toBe(0);
  });

  it('lays a month out in weeks from Monday and reads dates as ranges', () => {
    const february = monthWeeks(2027, 2); // 2027-02-01 is a Monday
    expect(february[0]).toEqual(['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07']);
    expect(february.flat().filter(Boolean)).toHaveLength(28);
    const march = monthWeeks(2026, 3); // 2026-03-01 is a Sunday
    expect(march[0].slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(march[0][6]).toBe('2026-03-01');
    expect(dateRanges(['2027-01-03', '2027-01-01', '2027-01-02', '2027-02-14'])).toEqual(['2027-01-01 至 01-03', '2027-02-14']);
    expect(calendarYearOf('2027', '2026-12-07')).toBe(2027);
    expect(calendarYearOf('1999', '2026-12-07')).toBe(2026);
    expect(calendarYearOf(undefined, '2026-12-07')).toBe(2026);
  });
});
