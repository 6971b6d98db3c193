import ExcelJS from 'exceljs';
import { checkXlsxFile } from './xlsx-file-check';

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('checkXlsxFile: the layout the streaming reader cannot see', () => {
  it('lists the sheets in order, hidden or not, with the merged ranges of their header row only', async () => {
    const file = await xlsx((workbook) => {
      const cover = workbook.addWorksheet('封面 & 说明', { state: 'hidden' });
      cover.addRow(['玉泉区重点工程台账']);
      cover.mergeCells('A1:D1');
      const ledger = workbook.addWorksheet('项目台账');
      ledger.addRow(['专栏', '分组', '项目名称']);
      ledger.addRow(['10', '10.1', '某项目']);
      ledger.mergeCells('A2:B2'); // a data row: not the header's business
      const other = workbook.addWorksheet('其他');
      other.addRow(['a', 'b', 'c']);
      other.mergeCells('B1:C1');
    });
    expect(checkXlsxFile(file, 50 * 1024 * 1024)).toEqual([
      { name: '封面 & 说明', hidden: true, headerMerges: ['A1:D1'] },
      { name: '项目台账', hidden: false, headerMerges: [] },
      { name: '其他', hidden: false, headerMerges: ['B1:C1'] },
    ]);
  });
});
