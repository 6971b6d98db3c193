import { HttpStatus } from '@nestjs/common';
import { AppError, Errors, FieldError, type ErrorCodeOf } from '../common/app-error';

/** Error codes of the Excel import. Every one of them is answered before anything is written. */
export const ImportErrors = {
  notMultipart: () => Errors.badRequest('IMPORT_NOT_MULTIPART', 'Send the file as multipart/form-data (fields: file, kind, dryRun, mode)', [{ field: 'file', reason: 'multipart/form-data expected' }]),
  missingFile: () => Errors.badRequest('IMPORT_FILE_MISSING', 'No file was sent', [{ field: 'file', reason: 'attach the .xlsx file as the part named file' }]),
  fileTooLarge: (limit: number) =>
    Errors.badRequest('IMPORT_FILE_TOO_LARGE', `The file is larger than ${limit} bytes`, [{ field: 'file', reason: `at most ${limit} bytes` }]),
  notXlsx: (reason: string) => Errors.badRequest('IMPORT_NOT_XLSX', 'The file is not an Excel workbook (.xlsx)', [{ field: 'file', reason }]),
  encrypted: () =>
    Errors.badRequest('IMPORT_FILE_ENCRYPTED', 'The workbook is password-protected (encrypted)', [
      { field: 'file', reason: 'remove the password (文件 → 信息 → 保护工作簿) and save it as .xlsx again' },
    ]),
  macroEnabled: () =>
    Errors.badRequest('IMPORT_MACRO_ENABLED', 'Macro-enabled workbooks (.xlsm) are not accepted', [
      { field: 'file', reason: 'save the workbook as an Excel workbook (.xlsx) without macros' },
    ]),
  uncompressedTooLarge: (limit: number) =>
    Errors.badRequest('IMPORT_FILE_TOO_LARGE_UNZIPPED', `The workbook unzips to more than ${limit} bytes`, [
      { field: 'file', reason: `its parts may hold at most ${limit} bytes once unzipped` },
    ]),
  tooManyRows: (limit: number) =>
    Errors.badRequest('IMPORT_TOO_MANY_ROWS', `The sheet has more than ${limit} data rows; at most ${limit} are accepted`, [
      { field: 'file', reason: `split it into files of at most ${limit} rows` },
    ]),
  mergedHeader: (ranges: string[]) =>
    Errors.badRequest('IMPORT_MERGED_HEADER', 'The header row has merged cells', [
      { field: 'file', reason: `unmerge ${ranges.join(', ')}: every column needs its own header cell` },
    ]),
  formulaWithoutValue: (cells: string[]) =>
    Errors.badRequest('IMPORT_FORMULA_WITHOUT_VALUE', 'Some formulas have no calculated value', [
      { field: 'file', reason: `open the file in Excel/WPS and save it (so the formulas are calculated), or type the values: ${cells.slice(0, 10).join(', ')}` },
    ]),
  missingColumns: (headers: string[]) =>
    Errors.validation(
      headers.map((header) => ({ field: header, reason: 'this column is missing from the header row (use the template)' })),
      'The header row lacks required columns',
    ),
  invalidFields: (details: FieldError[]) => Errors.validation(details),
  forbidden: () => Errors.forbidden('Only an admin or a department editor can import'),
  notFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'IMPORT_NOT_FOUND', `No import with id ${id}`),
};
export type ImportErrorCode = ErrorCodeOf<typeof ImportErrors>;
