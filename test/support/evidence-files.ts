/**
 * Real files for the attachment tests, made on the spot: a JPEG with EXIF (shot time, GPS) written by sharp,
 * a one-page PDF, a DOCX (a zip of the OOXML parts Word needs), an XLSX by ExcelJS, an executable.
 */
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { zip } from './zip';

export const PHOTO_SHOT_AT = '2026:01:15 09:30:00';
export const PHOTO_GPS = { latitude: 40.8, longitude: 111.65 };

/** A site photo: DateTimeOriginal 2026-01-15 09:30 (Asia/Shanghai, no offset written), GPS 40°48′N 111°39′E. */
export async function sitePhoto(colour = '#8a6d3b', width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'HUAWEI', Model: 'Mate 60' },
      IFD2: { DateTimeOriginal: PHOTO_SHOT_AT },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 48/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '111/1 39/1 0/1' },
    })
    .toBuffer();
}

export function onePagePdf(text = 'Acceptance certificate'): Buffer {
  const body = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export function wordDocument(text = '竣工验收备案表'): Buffer {
  const part = (name: string, xml: string) => ({ name, data: Buffer.from(xml, 'utf8') });
  return zip([
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    part(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  ]);
}

export async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('进度').addRow(['节点', '完成日期']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The first bytes of an x86-64 ELF executable, padded: what a renamed program looks like. */
export function executable(): Buffer {
  const elf = Buffer.alloc(4096);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(elf);
  return elf;
}
