/**
 * What an uploaded file must be before any XLSX parser sees it: a plain OOXML
 * workbook (a zip with [Content_Types].xml and xl/workbook.xml), not encrypted, with no
 * macros, whose parts unzip to at most a set number of bytes. Read from the zip's
 * own structure: the central directory gives names, flags and declared sizes, and every
 * part is then inflated with a hard output cap (zlib's maxOutputLength), so a zip bomb
 * whose headers lie about its sizes is stopped too — all before the workbook is parsed.
 * While every part passes through, the check also notes the workbook's layout (its sheets
 * in order, their names and which cells of their first row are merged), which the
 * streaming reader of import-sheet.ts cannot see.
 */
import { inflateRawSync } from 'node:zlib';
import { ImportErrors } from './import.errors';

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** An OLE compound file: legacy .xls, or an encrypted OOXML workbook (Excel wraps those in one). */
const COMPOUND_FILE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export function readCentralDirectory(file: Buffer): ZipEntry[] {
  const searchFrom = Math.max(0, file.length - 65_557);
  let end = -1;
  for (let i = file.length - 22; i >= searchFrom; i -= 1) {
    if (file.readUInt32LE(i) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw ImportErrors.notXlsx('the zip directory of the file is missing (is it truncated?)');
  const count = file.readUInt16LE(end + 10);
  const offset = file.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) throw ImportErrors.notXlsx(`the file has ${count} parts`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== ZIP_CENTRAL_HEADER) throw ImportErrors.notXlsx('the zip directory of the file is damaged');
    const nameLength = file.readUInt16LE(at + 28);
    entries.push({
      flags: file.readUInt16LE(at + 8),
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      uncompressedSize: file.readUInt32LE(at + 24),
      localHeaderOffset: file.readUInt32LE(at + 42),
      name: file.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
    });
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return entries;
}

/** Inflates one part, never producing more than `budget` bytes. */
function inflateEntry(file: Buffer, entry: ZipEntry, budget: number, limit: number): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== ZIP_LOCAL_HEADER) throw ImportErrors.notXlsx(`the part ${entry.name} is damaged`);
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const data = file.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > budget) throw ImportErrors.uncompressedTooLarge(limit);
    return data;
  }
  if (entry.method !== 8) throw ImportErrors.notXlsx(`the part ${entry.name} uses an unknown compression (${entry.method})`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw ImportErrors.uncompressedTooLarge(limit);
    throw ImportErrors.notXlsx(`the part ${entry.name} cannot be unzipped`);
  }
}

/** A sheet of the workbook, in the workbook's order. */
export interface XlsxSheet {
  name: string;
  hidden: boolean;
  /** Merged ranges that start in row 1 (the header row), e.g. 'A1:B1'. */
  headerMerges: string[];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) =>
    entity.startsWith('#x') || entity.startsWith('#X')
      ? String.fromCodePoint(parseInt(entity.slice(2), 16))
      : entity.startsWith('#')
        ? String.fromCodePoint(Number(entity.slice(1)))
        : XML_ENTITIES[entity.toLowerCase()],
  );
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? xmlText(match[1]) : undefined;
}

/** Sheets in order (xl/workbook.xml), each with the part that holds it (xl/_rels/workbook.xml.rels). */
function sheetsOf(parts: Map<string, string>, mergesByPart: Map<string, string[]>): XlsxSheet[] {
  const targets = new Map<string, string>();
  for (const tag of (parts.get('xl/_rels/workbook.xml.rels') ?? '').match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return ((parts.get('xl/workbook.xml') ?? '').match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []).map((tag) => {
    const part = targets.get(attribute(tag, 'r:id') ?? '') ?? '';
    return { name: attribute(tag, 'name') ?? '', hidden: (attribute(tag, 'state') ?? 'visible') !== 'visible', headerMerges: mergesByPart.get(part) ?? [] };
  });
}

/**
 * Throws the 400 that fits when the file is not a plain, unencrypted, macro-free .xlsx of bounded size; otherwise
 * answers the workbook's sheets.
 */
export function checkXlsxFile(file: Buffer, maxUncompressedBytes: number): XlsxSheet[] {
  if (file.length >= 8 && file.subarray(0, 8).equals(COMPOUND_FILE_MAGIC)) {
    if (file.includes(Buffer.from('EncryptedPackage', 'utf16le')) || file.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
      throw ImportErrors.encrypted();
    }
    throw ImportErrors.notXlsx('this is an old Excel 97–2003 workbook (.xls): save it as .xlsx');
  }
  if (file.length < 4 || file.readUInt32LE(0) !== ZIP_LOCAL_HEADER) throw ImportErrors.notXlsx('the file is not an .xlsx workbook (not a zip)');

  const entries = readCentralDirectory(file);
  const names = new Set(entries.map((entry) => entry.name));
  if (entries.some((entry) => (entry.flags & 0x1) !== 0)) throw ImportErrors.encrypted();
  if ([...names].some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) throw ImportErrors.macroEnabled();
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw ImportErrors.notXlsx('the zip holds no Excel workbook ([Content_Types].xml and xl/workbook.xml)');
  }
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > maxUncompressedBytes) throw ImportErrors.uncompressedTooLarge(maxUncompressedBytes);

  // Declared sizes may lie: inflate every part against what is left of the budget.
  let used = 0;
  const layoutParts = new Map<string, string>();
  const mergesByPart = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const part = inflateEntry(file, entry, maxUncompressedBytes - used + 1, maxUncompressedBytes);
    used += part.length;
    if (used > maxUncompressedBytes) throw ImportErrors.uncompressedTooLarge(maxUncompressedBytes);
    if (entry.name === '[Content_Types].xml' && /macroEnabled/i.test(part.toString('utf8'))) throw ImportErrors.macroEnabled();
    if (entry.name === 'xl/workbook.xml' || entry.name === 'xl/_rels/workbook.xml.rels') layoutParts.set(entry.name, part.toString('utf8'));
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      // Merges are listed after the cells; only the header row's matter.
      const at = part.lastIndexOf('<mergeCells');
      const tail = at < 0 ? '' : part.subarray(at).toString('utf8');
      const merges = [...tail.matchAll(/<mergeCell\s+ref="([A-Z]+1(?::[A-Z]+\d+)?)"/g)].map((match) => match[1]);
      if (merges.length > 0) mergesByPart.set(entry.name, merges);
    }
  }
  return sheetsOf(layoutParts, mergesByPart);
}
