import { percentOf, sumYuan, wanToYuan, yuanToWan } from './money';

describe('money in 万元 and yuan', () => {
  it('converts 万元 to whole yuan exactly', () => {
    expect(wanToYuan('1234.5678')).toBe('12345678');
    expect(wanToYuan('0.0001')).toBe('1');
    expect(wanToYuan('98000')).toBe('980000000');
    expect(wanToYuan('-1.5')).toBe('-15000');
  });

  it('converts yuan back to 万元 without float noise', () => {
    expect(yuanToWan('12345678')).toBe('1234.5678');
    expect(yuanToWan('980000000')).toBe('98000');
    expect(yuanToWan('30000001')).toBe('3000.0001');
    expect(yuanToWan('-15000')).toBe('-1.5');
  });

  it('refuses more than 4 decimals of 万元 (fractions of a yuan)', () => {
    expect(() => wanToYuan('1.00001')).toThrow(RangeError);
  });

  it('sums and takes percentages exactly', () => {
    expect(sumYuan(['100000000000000001', '2', null])).toBe('100000000000000003');
    expect(percentOf('1', '3')).toBe('33.33');
    expect(percentOf('2', '3')).toBe('66.67');
    expect(percentOf('5', '0')).toBeNull();
  });
});
