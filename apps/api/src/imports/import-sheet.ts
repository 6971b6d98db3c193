/**
 * From an uploaded, already checked .xlsx (xlsx-file-check.ts) to the data rows of its
 * import sheet: the sheet named like the template's (else the first visible one), its
 * header row matched to the template's columns by their Chinese header, merged header
 * cells and row counts refused, and every cell reduced to a PlainCell (formulas: cached
 * value). The sheet is read as a stream (exceljs's WorkbookReader), row by row, and
 * reading stops at the first row beyond the limit: a sheet that claims a million rows
 * costs what the limit does, not what the workbook model of a million rows would.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportKind } from '@app/domain';
import { AppError } from '../common/app-error';
import { columnsOf, EXAMPLE_MARK, SHEET_NAMES } from './import-columns';
import { cellText, FormulaWithoutValue, PlainCell, plainCell } from './import-cells';
import { ImportErrors } from './import.errors';
import type { XlsxSheet } from './xlsx-file-check';

export interface SheetRow {
  /** The row number Excel shows. */
  row: number;
  cells: Map<string, PlainCell>;
}

/** Headers of the template, without spaces or full-width parentheses differences. */
function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/\*/g, '');
}

export async function readImportSheet(file: Buffer, kind: ImportKind, maxRows: number, sheets: XlsxSheet[]): Promise<SheetRow[]> {
  const sheet = sheets.find((candidate) => candidate.name === SHEET_NAMES[kind]) ?? sheets.find((candidate) => !candidate.hidden);
  if (!sheet) throw ImportErrors.notXlsx('the workbook has no sheet');
  if (sheet.headerMerges.length > 0) throw ImportErrors.mergedHeader(sheet.headerMerges);

  // Shared strings and styles cached: cell text and date formats are read as the in-memory reader reads them.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows: SheetRow[] | undefined;
  try {
    for await (const worksheet of workbook) {
      const reader = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
      if (rows || reader.name !== sheet.name) {
        for await (const _ of reader) void _; // the reader must be drained to reach the next part
        continue;
      }
      rows = await readRows(reader, kind, maxRows);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw ImportErrors.notXlsx('the workbook cannot be read (is it damaged, or saved in another format?)');
  }
  if (!rows) throw ImportErrors.notXlsx('the workbook has no sheet');
  return rows;
}

async function readRows(worksheet: AsyncIterable<ExcelJS.Row>, kind: ImportKind, maxRows: number): Promise<SheetRow[]> {
  const columns = columnsOf(kind);
  const byHeader = new Map(columns.map((column) => [headerKey(column.header), column.field]));
  const required = kind === 'projects' ? ['name'] : ['month', 'completedInvestment'];
  const fieldAt = new Map<number, string>();
  const checkHeader = () => {
    const present = new Set(fieldAt.values());
    const missing = columns.filter((column) => required.includes(column.field) && !present.has(column.field)).map((column) => column.header);
    if (missing.length > 0) throw ImportErrors.missingColumns(missing);
  };
  const rows: SheetRow[] = [];
  const formulasWithoutValue: string[] = [];
  let headerRead = false;
  for await (const row of worksheet) {
    if (!headerRead) {
      // Row 1 is the header; a sheet whose first written row is below it has none.
      if (row.number === 1) {
        row.eachCell((cell, index) => {
          const text = cellText(plainCellOrText(cell));
          const field = text ? byHeader.get(headerKey(text)) : undefined;
          if (field) fieldAt.set(index, field);
        });
      }
      headerRead = true;
      checkHeader();
      if (row.number === 1) continue;
    }
    const cells = new Map<string, PlainCell>();
    for (const [index, field] of fieldAt) {
      try {
        cells.set(field, plainCell(row.getCell(index)));
      } catch (error) {
        if (!(error instanceof FormulaWithoutValue)) throw error;
        formulasWithoutValue.push(error.message);
      }
    }
    if ([...cells.values()].every((value) => value === null)) continue;
    const name = cellText(cells.get('name') ?? null);
    if (name?.startsWith(EXAMPLE_MARK)) continue;
    rows.push({ row: row.number, cells });
    // Stop at the first row over the limit: the rest of the sheet is never parsed.
    if (rows.length > maxRows) throw ImportErrors.tooManyRows(maxRows);
  }
  if (!headerRead) checkHeader();
  if (formulasWithoutValue.length > 0) throw ImportErrors.formulaWithoutValue(formulasWithoutValue);
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
