import { WeeklyReportContent } from '@app/reporting';
import { Cell, cellKind, ReportSection, reportTable, wanWithFourDecimals } from './report-tables';

/** UTF-8 byte order mark: Excel opens the file as UTF-8 (Chinese headers) only with it. */
const BOM = '\uFEFF';

function escape(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function show(cell: Cell, kind: ReturnType<typeof cellKind>): string {
  if (cell === null || cell === undefined) return '';
  if (kind === 'wan' && typeof cell === 'string') return wanWithFourDecimals(cell);
  return String(cell);
}

/**
 * One section of the 周报 as CSV (RFC 4180, CRLF, UTF-8 with BOM): a header
 * row, the rows, and — for sections with rules (总览, 比拼晾晒, 督办) — a blank
 * line and the rules in words, one per line in the first column. 万元 with
 * four decimals, exact; percentages with two; empty cell = not applicable.
 */
export function renderWeeklyReportCsv(report: WeeklyReportContent, section: ReportSection): Buffer {
  const table = reportTable(report, section);
  const lines = [table.columns.map((column) => escape(column.header)).join(',')];
  table.rows.forEach((row, rowIndex) => lines.push(row.map((cell, columnIndex) => escape(show(cell, cellKind(table, rowIndex, columnIndex)))).join(',')));
  if (table.notes.length > 0) {
    lines.push('');
    for (const note of table.notes) lines.push(escape(note));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
