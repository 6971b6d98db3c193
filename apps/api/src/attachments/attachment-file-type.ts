/**
 * The type of an uploaded file, from its bytes alone (magic numbers), for the six types the office uses:
 * JPEG, PNG, HEIC (phones), PDF, and the two Office formats. DOCX and XLSX are both zips, so a zip is told
 * apart by its OOXML parts, read from the zip's central directory at the file's end: [Content_Types].xml with
 * word/document.xml is a DOCX, with xl/workbook.xml an XLSX; a macro project (vbaProject.bin), an encrypted
 * entry or any other zip is none of them. Written here rather than taken from `file-type`, whose current
 * versions are ESM-only (this build and Jest are CommonJS) and which names many types we refuse anyway.
 */
import { open } from 'node:fs/promises';
import type { AttachmentMediaType } from '@app/domain';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file-name extension each type is given when a name has none that fits (downloads keep the uploaded name). */
export const EXTENSION_OF: Record<AttachmentMediaType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/heic': '.heic',
  'application/pdf': '.pdf',
  [DOCX]: '.docx',
  [XLSX]: '.xlsx',
};

/** HEIF brands an iPhone or an Android phone writes for a still image (ISO/IEC 23008-12). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const ZIP_TAIL_BYTES = 22 + 65_535;
/** A central directory larger than this is no office document we accept. */
const MAX_CENTRAL_DIRECTORY_BYTES = 4 * 1024 * 1024;

/** The type of the bytes at the start of a file, or 'zip' when the zip's parts must decide. */
export function sniffHead(head: Buffer): AttachmentMediaType | 'zip' | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_MAGIC)) return 'image/png';
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brands = [head.subarray(8, 12).toString('latin1')];
    // Compatible brands follow the minor version, within the ftyp box.
    const boxSize = Math.min(head.readUInt32BE(0), head.length);
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(head.subarray(at, at + 4).toString('latin1'));
    if (HEIF_BRANDS.has(brands[0]) || (brands[0] === 'mif1' && brands.some((brand) => HEIF_BRANDS.has(brand)))) return 'image/heic';
    return undefined;
  }
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL_HEADER) return 'zip';
  return undefined;
}

/** DOCX or XLSX from the names in a zip's central directory, or undefined for any other zip. */
export function officeTypeOf(entries: ReadonlyArray<{ name: string; encrypted: boolean }>): AttachmentMediaType | undefined {
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml')) return undefined;
  if (entries.some((entry) => entry.encrypted || /(^|\/)vbaProject\.bin$/i.test(entry.name))) return undefined;
  if (names.has('word/document.xml')) return DOCX;
  if (names.has('xl/workbook.xml')) return XLSX;
  return undefined;
}

/** The entries of a zip's central directory, read from the end of the file. */
export async function readZipEntries(path: string, size: number): Promise<Array<{ name: string; encrypted: boolean }> | undefined> {
  const file = await open(path, 'r');
  try {
    const tailLength = Math.min(size, ZIP_TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === ZIP_END_OF_CENTRAL_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) return undefined;
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES || directoryOffset + directorySize > size) return undefined;
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const entries: Array<{ name: string; encrypted: boolean }> = [];
    let at = 0;
    for (let n = 0; n < count; n += 1) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== ZIP_CENTRAL_HEADER) return undefined;
      const nameLength = directory.readUInt16LE(at + 28);
      entries.push({
        encrypted: (directory.readUInt16LE(at + 8) & 0x1) !== 0,
        name: directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      });
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return entries;
  } finally {
    await file.close();
  }
}

/** The type of a spooled upload, or undefined when it is none of the six (→ 415). */
export async function detectFileType(path: string, head: Buffer, size: number): Promise<AttachmentMediaType | undefined> {
  const sniffed = sniffHead(head);
  if (sniffed !== 'zip') return sniffed;
  const entries = await readZipEntries(path, size);
  return entries ? officeTypeOf(entries) : undefined;
}
