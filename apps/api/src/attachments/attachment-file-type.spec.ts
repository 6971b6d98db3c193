import { contentDisposition, sanitiseFileName } from './attachment-file-name';
import { DOCX, officeTypeOf, sniffHead, XLSX } from './attachment-file-type';
import { exifInstant } from './photo-metadata';

const ftyp = (major: string, ...compatible: string[]) => {
  const box = Buffer.alloc(16 + compatible.length * 4);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + i * 4, 'latin1'));
  return box;
};

describe('attachment types from the bytes', () => {
  it('knows JPEG, PNG, PDF, HEIC and hands zips to the OOXML check', () => {
    expect(sniffHead(Buffer.from([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(sniffHead(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffHead(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffHead(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
    expect(sniffHead(ftyp('mif1', 'heic'))).toBe('image/heic');
    expect(sniffHead(ftyp('isom', 'mp41'))).toBeUndefined(); // an MP4 video
    expect(sniffHead(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe('zip');
    expect(sniffHead(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBeUndefined(); // ELF
    expect(sniffHead(Buffer.from('MZ\x90\x00'))).toBeUndefined(); // a Windows .exe
    expect(sniffHead(Buffer.alloc(0))).toBeUndefined();
  });

  it('tells DOCX from XLSX by their parts, and refuses macros, encryption and other zips', () => {
    const entry = (name: string, encrypted = false) => ({ name, encrypted });
    expect(officeTypeOf([entry('[Content_Types].xml'), entry('word/document.xml')])).toBe(DOCX);
    expect(officeTypeOf([entry('[Content_Types].xml'), entry('xl/workbook.xml')])).toBe(XLSX);
    expect(officeTypeOf([entry('[Content_Types].xml'), entry('word/document.xml'), entry('word/vbaProject.bin')])).toBeUndefined();
    expect(officeTypeOf([entry('[Content_Types].xml'), entry('word/document.xml', true)])).toBeUndefined();
    expect(officeTypeOf([entry('word/document.xml')])).toBeUndefined();
    expect(officeTypeOf([entry('[Content_Types].xml'), entry('ppt/presentation.xml')])).toBeUndefined();
  });
});

describe('attachment names', () => {
  it('keeps the last path segment without control or bidi characters', () => {
    expect(sanitiseFileName('C:\\Users\\王工\\照片.jpg', 'image/jpeg')).toBe('照片.jpg');
    expect(sanitiseFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(sanitiseFileName('invoice\u202efdp.exe', 'application/pdf')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('a\u0000b\r\n.pdf', 'application/pdf')).toBe('ab.pdf');
    expect(sanitiseFileName('', 'image/png')).toBe('附件.png');
    expect(sanitiseFileName('...', 'application/pdf')).toBe('附件.pdf');
    expect(sanitiseFileName(`${'长'.repeat(300)}.docx`, DOCX)).toHaveLength(200);
    expect(sanitiseFileName(`${'长'.repeat(300)}.docx`, DOCX).endsWith('.docx')).toBe(true);
  });

  it('says the name in Content-Disposition with an ASCII fallback and RFC 5987', () => {
    expect(contentDisposition('批复（2026）.pdf')).toBe(
      `attachment; filename="___2026_.pdf"; filename*=UTF-8''${encodeURIComponent('批复（2026）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(contentDisposition('a "b".pdf')).toBe(`attachment; filename="a _b_.pdf"; filename*=UTF-8''a%20%22b%22.pdf`);
  });
});

describe('EXIF shot time', () => {
  it('reads DateTimeOriginal with its offset, else as Asia/Shanghai', () => {
    expect(exifInstant('2026:01:15 09:30:00', undefined)?.toISOString()).toBe('2026-01-15T01:30:00.000Z');
    expect(exifInstant('2026:01:15 09:30:00', '+00:00')?.toISOString()).toBe('2026-01-15T09:30:00.000Z');
    expect(exifInstant('0000:00:00 00:00:00', undefined)).toBeNull();
    expect(exifInstant(undefined, undefined)).toBeNull();
  });
});
