import { WeeklyReportContent } from '@app/reporting';
import { Cell, cellKind, ColumnKind, ReportSection, reportTable, wanWithFourDecimals } from './report-tables';

/** UTF-8 byte order mark: Excel opens the file as UTF-8 (Chinese headers) only with it. */
const BOM = '\uFEFF';

function escape(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** What makes Excel, WPS or LibreOffice read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that starts like a formula gets a leading apostrophe, so a project
 * named `=HYPERLINK(…)` shows as text instead of running when the file is opened.
 * Only text: numbers we write (counts, 万元, percentages — negative ones too)
 * stay numbers a spreadsheet can add up.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell as CSV text (before quoting): numeric kinds as written, text neutralised. */
export function csvCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null || cell === undefined) return '';
  if (kind === 'wan' && typeof cell === 'string') return wanWithFourDecimals(cell);
  if (kind === 'text') return neutraliseFormula(String(cell));
  return String(cell);
}

/**
 * One section of the 周报 as CSV (RFC 4180, CRLF, UTF-8 with BOM): a header
 * row, the rows, and — for sections with rules (总览, 比拼晾晒, 督办) — a blank
 * line and the rules in words, one per line in the first column. 万元 with
 * four decimals, exact; percentages with two; empty cell = not applicable.
 * Text that starts like a formula is neutralised (see neutraliseFormula).
 */
export function renderWeeklyReportCsv(report: WeeklyReportContent, section: ReportSection): Buffer {
  const table = reportTable(report, section);
  const lines = [table.columns.map((column) => escape(neutraliseFormula(column.header))).join(',')];
  table.rows.forEach((row, rowIndex) => lines.push(row.map((cell, columnIndex) => escape(csvCell(cell, cellKind(table, rowIndex, columnIndex)))).join(',')));
  if (table.notes.length > 0) {
    lines.push('');
    for (const note of table.notes) lines.push(escape(neutraliseFormula(note)));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
