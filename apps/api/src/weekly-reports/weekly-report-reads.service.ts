import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WeeklyReportContent, WeeklyReportMeta } from '@app/reporting';
import { PageQuery } from '../common/pagination';
import {
  RankingHistoryDto,
  RankingHistoryUnitDto,
  ReportSectionInfoDto,
  WeeklyReportSectionPageDto,
  WeeklyReportSummaryDto,
} from './dto/weekly-report-reads.dto';
import { Cell, cellKind, ColumnKind, REPORT_SECTIONS, ReportSection, reportTable, SECTION_FIELDS, SHEET_NAMES, wanWithFourDecimals } from './render/report-tables';
import { ifNoneMatchHits, reportEtag } from './report-etag';
import { WeeklyReportErrors } from './weekly-report.errors';
import { WeeklyReportReader } from './weekly-report-reader';
import { ReportRepresentation, toMetaDto, WeeklyReportsService } from './weekly-reports.service';

/** Where each section's rows are in the snapshot: the member and the path of the array inside it. */
const SECTION_ROWS: Record<ReportSection, { key: keyof WeeklyReportContent; path: string[] } | null> = {
  overview: null,
  columns: { key: 'byColumn', path: [] },
  'owner-units': { key: 'byOwnerUnit', path: [] },
  kinds: { key: 'byKind', path: [] },
  overdue: { key: 'overdueMilestones', path: [] },
  'project-lights': { key: 'projectLights', path: [] },
  ranking: { key: 'ranking', path: ['items'] },
  notices: { key: 'supervisionNotices', path: ['byOwnerUnit'] },
  evidence: { key: 'progressEvidence', path: ['byOwnerUnit'] },
  problems: { key: 'problemLedger', path: ['byOwnerUnit'] },
  'open-problems': { key: 'problemLedger', path: ['oldestOpen'] },
};
/** Sections whose table ends with a 合计 row over the whole section. */
const WITH_TOTAL_ROW = new Set<ReportSection>(['columns', 'owner-units', 'kinds', 'notices', 'evidence', 'problems']);
/** Members every table may read besides its own (the week's name and dates, the format version). */
const HEAD_KEYS: Array<keyof WeeklyReportContent> = ['schemaVersion', 'isoWeek', 'weekStart', 'weekEnd'];

/**
 * The light reads of a stored 周报 (summary, a page of one section, the ranking over the weeks): what a page needs
 * without downloading a report that runs to megabytes. Each answers from Postgres's jsonb (weekly-report-reader.ts),
 * carries an ETag made of the snapshot's content hash (304 on If-None-Match) and speaks in the tables of the CSV and
 * XLSX (report-tables.ts), so the page, the CSV and the XLSX show the same headers and figures.
 */
@Injectable()
export class WeeklyReportReadsService {
  constructor(
    private readonly reports: WeeklyReportsService,
    private readonly reader: WeeklyReportReader,
  ) {}

  async summary(isoWeek: string, ifNoneMatch?: string): Promise<ReportRepresentation> {
    const meta = await this.reports.storedWeek(isoWeek);
    const etag = reportEtag(meta.contentHash, 'summary');
    return this.respond(meta.isoWeek, etag, ifNoneMatch, async () => {
      const parts = await this.reader.summaryParts(meta.isoWeek);
      const dto: WeeklyReportSummaryDto = {
        ...toMetaDto(meta),
        schemaVersion: Number(parts.schemaVersion ?? 1),
        etag,
        investmentPeriod: parts.investmentPeriod as WeeklyReportSummaryDto['investmentPeriod'],
        rules: ((parts.rules as { text?: string[] } | undefined)?.text ?? []) as string[],
        definitions: (parts.definitions ?? []) as string[],
        overview: parts.overview as WeeklyReportSummaryDto['overview'],
        byColumn: (parts.byColumn ?? []) as WeeklyReportSummaryDto['byColumn'],
        byOwnerUnit: (parts.byOwnerUnit ?? []) as WeeklyReportSummaryDto['byOwnerUnit'],
        ranking: (parts.ranking ?? null) as WeeklyReportSummaryDto['ranking'],
        supervisionNotices: ((parts.supervisionNotices as { totals?: unknown } | undefined)?.totals ?? null) as WeeklyReportSummaryDto['supervisionNotices'],
        progressEvidence: ((parts.progressEvidence as { totals?: unknown } | undefined)?.totals ?? null) as WeeklyReportSummaryDto['progressEvidence'],
        problemLedger: ((parts.problemLedger as { totals?: unknown } | undefined)?.totals ?? null) as WeeklyReportSummaryDto['problemLedger'],
        sections: REPORT_SECTIONS.map((section) => sectionInfo(section, parts)),
      };
      return dto;
    });
  }

  async section(isoWeek: string, section: string, query: PageQuery, ifNoneMatch?: string): Promise<ReportRepresentation> {
    if (!(REPORT_SECTIONS as readonly string[]).includes(section)) {
      throw WeeklyReportErrors.unknownSection(section, REPORT_SECTIONS);
    }
    const name = section as ReportSection;
    const meta = await this.reports.storedWeek(isoWeek);
    const etag = reportEtag(meta.contentHash, 'section', `${name}-${query.page}-${query.pageSize}`);
    return this.respond(meta.isoWeek, etag, ifNoneMatch, () => this.sectionPage(meta, name, query));
  }

  async rankingHistory(weeks: number, ifNoneMatch?: string): Promise<ReportRepresentation> {
    const recent = await this.reader.recentWeeks(weeks);
    const hash = createHash('sha256')
      .update(`${weeks}|${recent.map((week) => `${week.isoWeek}:${week.contentHash}`).join(',')}`)
      .digest('hex');
    const etag = `"history-${hash.slice(0, 40)}"`;
    return this.respond(recent[0]?.isoWeek ?? '', etag, ifNoneMatch, async () => {
      const isoWeeks = recent.map((week) => week.isoWeek);
      const { weeks: lights, points } = await this.reader.rankingHistory(isoWeeks);
      const weekEnds = new Map(recent.map((week) => [week.isoWeek, String(week.weekEnd)]));
      const units = new Map<string, RankingHistoryUnitDto>();
      // Newest week first, so the units come in the order of the newest ranking and carry their newest names.
      for (const point of [...points].sort((a, b) => (a.isoWeek < b.isoWeek ? 1 : a.isoWeek > b.isoWeek ? -1 : 0))) {
        let unit = units.get(point.ownerUnitId);
        if (!unit) units.set(point.ownerUnitId, (unit = { ownerUnitId: point.ownerUnitId, name: point.name, points: [] }));
        unit.points.unshift({
          isoWeek: point.isoWeek,
          rank: point.rank,
          due: point.due,
          metOnTime: point.metOnTime,
          onTimeRate: point.onTimeRate,
          red: point.red,
          yellow: point.yellow,
        });
      }
      const dto: RankingHistoryDto = {
        weeks: lights.map((week) => ({ ...week, weekEnd: weekEnds.get(week.isoWeek) ?? '' })),
        units: [...units.values()],
      };
      return dto;
    });
  }

  private async sectionPage(meta: WeeklyReportMeta, section: ReportSection, query: PageQuery): Promise<WeeklyReportSectionPageDto> {
    const rowsAt = SECTION_ROWS[section];
    const keys = [...new Set<string>([...HEAD_KEYS, ...SECTION_FIELDS[section], ...(section === 'overview' ? ['supervisionNotices'] : [])])];
    const offset = (query.page - 1) * query.pageSize;
    const { parts, total } = await this.reader.sectionParts(meta.isoWeek, keys, rowsAt?.key ?? null, rowsAt?.path ?? [], offset, query.pageSize);
    const content = parts as unknown as WeeklyReportContent;
    const present = SECTION_FIELDS[section].every((field) => parts[field] !== undefined && parts[field] !== null);
    const table = reportTable(content, section);

    let rows = table.rows;
    let totalRow: Cell[] | null = null;
    if (present && WITH_TOTAL_ROW.has(section)) {
      totalRow = rows[rows.length - 1];
      rows = rows.slice(0, -1);
    }
    // The overview is one short table made in Node; the others arrive already cut to the page.
    let rowOffset = 0;
    if (!rowsAt) {
      rowOffset = offset;
      rows = rows.slice(offset, offset + query.pageSize);
    }
    const sectionTotal = rowsAt ? (present ? (total ?? 0) : 0) : table.rows.length;
    if (section === 'overdue') rows = rows.map((row, index) => [offset + index + 1, ...row.slice(1)]);

    const inWan = (row: Cell[], rowIndex: number) =>
      row.map((cell, columnIndex) => (cellKind(table, rowIndex, columnIndex) === 'wan' && cell !== null ? wanWithFourDecimals(String(cell)) : cell));
    const items = rowsAt ? ((rowsAt.path.length ? (parts[rowsAt.key] as Record<string, unknown>)?.[rowsAt.path[0]] : parts[rowsAt.key]) as Array<{ projectId?: string }>) : [];
    return {
      isoWeek: meta.isoWeek,
      section,
      title: SHEET_NAMES[section],
      present,
      columns: table.columns.map((column) => ({ header: column.header, kind: column.kind, width: column.width })),
      rows: rows.map((row, index) => inWan(row, index + rowOffset)),
      totalRow: totalRow ? totalRow.map((cell, columnIndex) => (table.columns[columnIndex].kind === 'wan' && cell !== null ? wanWithFourDecimals(String(cell)) : cell)) : null,
      rowKinds: table.rowKinds ? (table.rowKinds.slice(rowOffset, rowOffset + rows.length) as ColumnKind[]) : null,
      projectIds: present && (section === 'overdue' || section === 'project-lights') ? (items ?? []).map((item) => item.projectId ?? null) : null,
      notes: table.notes,
      total: sectionTotal,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private async respond(isoWeek: string, etag: string, ifNoneMatch: string | undefined, body: () => Promise<object>): Promise<ReportRepresentation> {
    const headers: Record<string, string> = {
      etag,
      'cache-control': 'private, no-cache',
      vary: 'Authorization, X-API-Key',
      ...(isoWeek ? { 'x-report-week': isoWeek } : {}),
    };
    if (ifNoneMatchHits(ifNoneMatch, etag)) return { status: 304, headers };
    headers['content-type'] = 'application/json; charset=utf-8';
    return { status: 200, headers, body: Buffer.from(JSON.stringify(await body()), 'utf8') };
  }
}

function sectionInfo(section: ReportSection, parts: Record<string, unknown>): ReportSectionInfoDto {
  const present = SECTION_FIELDS[section].every((field) => parts[field] !== undefined && parts[field] !== null);
  const length = (value: unknown): number => (Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0);
  let rows = 0;
  if (present) {
    switch (section) {
      case 'overview':
        rows = reportTable({ ...(parts as unknown as WeeklyReportContent), supervisionNotices: undefined as never }, 'overview').rows.length;
        break;
      case 'ranking':
        rows = length((parts.ranking as { items?: unknown }).items);
        break;
      case 'notices':
        rows = length((parts.supervisionNotices as { rows?: unknown }).rows);
        break;
      case 'evidence':
        rows = length((parts.progressEvidence as { rows?: unknown }).rows);
        break;
      case 'evidence':
        rows = length((parts.progressEvidence as { byOwnerUnit?: unknown }).byOwnerUnit);
        break;
      case 'problems':
        rows = length((parts.problemLedger as { rows?: unknown }).rows);
        break;
      case 'open-problems':
        rows = length((parts.problemLedger as { openRows?: unknown }).openRows);
        break;
      default:
        rows = length(parts[SECTION_ROWS[section]!.key]);
    }
  }
  return { section, title: SHEET_NAMES[section], present, rows };
}
