/**
 * From an uploaded, already checked .xlsx (xlsx-file-check.ts) to the data rows of its
 * import sheet: the sheet named like the template's (else the first), its header row
 * matched to the template's columns by their Chinese header, merged header cells and
 * row counts refused, and every cell reduced to a PlainCell (formulas: cached value).
 */
import ExcelJS from 'exceljs';
import type { ImportKind } from '@app/domain';
import { columnsOf, EXAMPLE_MARK, SHEET_NAMES } from './import-columns';
import { cellText, FormulaWithoutValue, PlainCell, plainCell } from './import-cells';
import { ImportErrors } from './import.errors';

export interface SheetRow {
  /** The row number Excel shows. */
  row: number;
  cells: Map<string, PlainCell>;
}

/** Headers of the template, without spaces or full-width parentheses differences. */
function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/\*/g, '');
}

export async function readImportSheet(file: Buffer, kind: ImportKind, maxRows: number): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw ImportErrors.notXlsx('the workbook cannot be read (is it damaged, or saved in another format?)');
  }
  const sheet = workbook.getWorksheet(SHEET_NAMES[kind]) ?? workbook.worksheets.find((ws) => ws.state !== 'hidden');
  if (!sheet) throw ImportErrors.notXlsx('the workbook has no sheet');

  const merges: string[] = ((sheet.model as { merges?: string[] }).merges ?? []).filter((range) => /^[A-Z]+1(:|$)/.test(range));
  if (merges.length > 0) throw ImportErrors.mergedHeader(merges);

  const columns = columnsOf(kind);
  const byHeader = new Map(columns.map((column) => [headerKey(column.header), column.field]));
  const fieldAt = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, index) => {
    const text = cellText(plainCellOrText(cell));
    const field = text ? byHeader.get(headerKey(text)) : undefined;
    if (field) fieldAt.set(index, field);
  });
  const present = new Set(fieldAt.values());
  const required = kind === 'projects' ? ['name'] : ['month', 'completedInvestment'];
  const missing = columns.filter((column) => required.includes(column.field) && !present.has(column.field)).map((column) => column.header);
  if (missing.length > 0) throw ImportErrors.missingColumns(missing);

  // Before reading a cell: the example row may add one to the template's rows.
  if (sheet.actualRowCount - 2 > maxRows) throw ImportErrors.tooManyRows(sheet.actualRowCount - 1, maxRows);
  const rows: SheetRow[] = [];
  const formulasWithoutValue: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = new Map<string, PlainCell>();
    for (const [index, field] of fieldAt) {
      try {
        cells.set(field, plainCell(row.getCell(index)));
      } catch (error) {
        if (!(error instanceof FormulaWithoutValue)) throw error;
        formulasWithoutValue.push(error.message);
      }
    }
    if ([...cells.values()].every((value) => value === null)) return;
    const name = cellText(cells.get('name') ?? null);
    if (name?.startsWith(EXAMPLE_MARK)) return;
    rows.push({ row: number, cells });
  });
  if (formulasWithoutValue.length > 0) throw ImportErrors.formulaWithoutValue(formulasWithoutValue);
  if (rows.length > maxRows) throw ImportErrors.tooManyRows(rows.length, maxRows);
  return rows;
}

/** A header cell as text, whatever it holds (a formula in a header is read by its value too). */
function plainCellOrText(cell: ExcelJS.Cell): PlainCell {
  try {
    return plainCell(cell);
  } catch {
    return null;
  }
}
