import { formatNoticeNumber } from './notice-number';

describe('formatNoticeNumber', () => {
  it('writes the year in 〔〕 and the sequence without padding', () => {
    expect(formatNoticeNumber(2026, 12)).toBe('玉督〔2026〕12号');
    expect(formatNoticeNumber(2027, 1)).toBe('玉督〔2027〕1号');
  });
});
