/** The report an import answers with, row by row, and its summary. */

export type ImportAction = 'create' | 'update' | 'unchanged' | 'rejected';

export interface ImportFieldChange {
  field: string;
  /** The column header, as the clerk sees it. */
  header: string;
  before: string | null;
  after: string | null;
}

export interface ImportRowError {
  header: string;
  reason: string;
}

export interface ImportReportRow {
  /** Excel's row number. */
  row: number;
  action: ImportAction;
  /** How the row was identified: 项目代码 …, or 专栏 n「name」 (月报: and the month). */
  key: string;
  projectId?: string;
  changes?: ImportFieldChange[];
  errors?: ImportRowError[];
  /** The row's cells as read, by header: what the rejected-rows sheet gives back to fix. */
  values: Record<string, string | null>;
}

export interface ImportSummary {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  rejected: number;
}

export function summarize(rows: ImportReportRow[]): ImportSummary {
  const count = (action: ImportAction) => rows.filter((row) => row.action === action).length;
  return { rows: rows.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), rejected: count('rejected') };
}
