/**
 * The two Excel templates clerks fill in: 项目台账 (projects) and 投资月报 (monthly
 * completed investment). Chinese headers, one example row (marked 【示例】, skipped by
 * the import), dropdowns (data validation) fed from a 选项 sheet with the current
 * 专栏, groups, kinds, owner units and statuses, and a 填写说明 sheet saying what each
 * column means and how to write it.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { ImportKind, PROJECT_KIND_LABELS, PROJECT_KINDS, PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '@app/domain';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { CHOICES_SHEET, ChoiceList, columnsOf, EXAMPLE_MARK, NOTES_SHEET, SHEET_NAMES } from './import-columns';

export interface ImportChoices {
  columns: string[];
  groups: string[];
  kinds: string[];
  ownerUnits: string[];
  statuses: string[];
}

const EXAMPLES: Record<ImportKind, Record<string, string | number | Date>> = {
  projects: {
    projectCode: '2601-150104-04-01-000001',
    column: '8 现代化基础设施重点工程',
    group: '8.3 能源基础设施建设工程重点工程',
    name: `${EXAMPLE_MARK}某 110 千伏输变电工程`,
    kind: PROJECT_KIND_LABELS.substation,
    status: PROJECT_STATUS_LABELS.preparation,
    leadOfficial: '某副区长',
    location: '小召前街街道',
    plannedStartDate: '2026-09-01',
    plannedEndDate: '2027-10-31',
    totalInvestment: '12,500.5',
    description: '新建 110 千伏变电站一座，主变 2×50 兆伏安',
  },
  'monthly-report': {
    projectCode: '2601-150104-04-01-000001',
    column: '8 现代化基础设施重点工程',
    name: `${EXAMPLE_MARK}某 110 千伏输变电工程`,
    month: '2026-06',
    completedInvestment: '350.25',
  },
};

/** Data rows the dropdowns cover. */
const VALIDATED_ROWS = 5000;

@Injectable()
export class ImportTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async choices(): Promise<ImportChoices> {
    const columns: Array<{ number: number; title: string }> = await this.dataSource.query(
      `SELECT number, title FROM plan_columns WHERE plan_id = ${CURRENT_PLAN_ID_SQL} ORDER BY number`,
    );
    const groups: Array<{ column: number; number: number; title: string }> = await this.dataSource.query(
      `SELECT c.number AS column, g.number, g.title FROM plan_groups g JOIN plan_columns c ON c.id = g.column_id
        WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL} ORDER BY c.number, g.number`,
    );
    const units: Array<{ name: string }> = await this.dataSource.query(`SELECT name FROM departments ORDER BY kind, name`);
    return {
      columns: columns.map((c) => `${c.number} ${c.title}`),
      groups: groups.map((g) => `${g.column}.${g.number} ${g.title}`),
      kinds: PROJECT_KINDS.map((kind) => PROJECT_KIND_LABELS[kind]),
      ownerUnits: units.map((u) => u.name),
      statuses: PROJECT_STATUSES.map((status) => PROJECT_STATUS_LABELS[status]),
    };
  }

  async template(kind: ImportKind): Promise<Buffer> {
    const choices = await this.choices();
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '玉泉区重点工程调度系统';
    const columns = columnsOf(kind);
    const sheet = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({ header: column.header, key: column.field, width: column.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.eachCell((cell, index) => {
      const column = columns[index - 1];
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.requiredForCreate ? 'FFFCE4D6' : 'FFDDEBF7' } };
      cell.note = `${column.meaning}\n${column.format}`;
    });
    const example = sheet.addRow(EXAMPLES[kind]);
    example.font = { italic: true, color: { argb: 'FF808080' } };
    // Text cells stay text: a code or a month must not turn into a number or a date.
    for (const column of columns) sheet.getColumn(column.field).numFmt = '@';

    const lists = workbook.addWorksheet(CHOICES_SHEET, { state: 'hidden' });
    const order: ChoiceList[] = ['columns', 'groups', 'kinds', 'ownerUnits', 'statuses'];
    const titles: Record<ChoiceList, string> = { columns: '专栏', groups: '分组', kinds: '项目类型', ownerUnits: '责任单位', statuses: '项目状态' };
    order.forEach((list, index) => {
      const letter = String.fromCharCode(65 + index);
      lists.getCell(`${letter}1`).value = titles[list];
      choices[list].forEach((value, row) => (lists.getCell(`${letter}${row + 2}`).value = value));
      const column = columns.findIndex((c) => c.choices === list);
      if (column < 0 || choices[list].length === 0) return;
      const target = String.fromCharCode(65 + column);
      // One validation over the whole column range (exceljs writes it as one sqref), not one per cell.
      (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${target}2:${target}${VALIDATED_ROWS + 1}`,
        {
          type: 'list',
          allowBlank: true,
          formulae: [`'${CHOICES_SHEET}'!$${letter}$2:$${letter}$${choices[list].length + 1}`],
          showErrorMessage: true,
          errorTitle: titles[list],
          error: `请从下拉列表中选择${titles[list]}`,
        },
      );
    });

    const notes = workbook.addWorksheet(NOTES_SHEET);
    notes.columns = [
      { header: '列', key: 'header', width: 22 },
      { header: '必填（新项目）', key: 'required', width: 14 },
      { header: '含义', key: 'meaning', width: 60 },
      { header: '格式', key: 'format', width: 50 },
    ];
    notes.getRow(1).font = { bold: true };
    for (const column of columns) {
      notes.addRow({ header: column.header, required: column.requiredForCreate ? '是' : '', meaning: column.meaning, format: column.format });
    }
    notes.addRow({});
    const general = [
      `第 2 行是示例（项目名称以「${EXAMPLE_MARK}」开头），导入时跳过；可以删除。`,
      kind === 'projects'
        ? '找项目：先按项目代码，没有项目代码时按同一专栏内的项目名称。找到即更新（空着的单元格不改），找不到即新建。'
        : '找项目：先按项目代码，没有项目代码时按专栏和项目名称。同一项目同一月份只有一个数，再次导入即改为新数。',
      '金额一律为万元；日期 YYYY-MM-DD，也可用 Excel 的日期格式。公式取 Excel 保存时算好的值。',
      `一次最多 ${this.config.IMPORT_MAX_ROWS} 行；不接受带宏（.xlsm）或加密的文件，表头不能合并单元格。`,
      '部门填报员只能导入本单位的项目；其他单位的行会被拒绝，并在导入报告中说明。',
      '先用「试导入」(dryRun=true) 看报告，确认后再正式导入；默认有一行不通过则全部不导入（mode=all-or-nothing）。',
    ];
    for (const line of general) notes.addRow({ header: line });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
