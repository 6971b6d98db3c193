import { Injectable } from '@nestjs/common';
import { Clock } from '@app/calendar';
import { IsoWeek, isoWeekOf, parseIsoWeek, WeeklyReportContent, WeeklyReportMeta, WeeklyReportStore } from '@app/reporting';
import { isUser, Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { BuildWeeklyReportResponse, WeeklyReportMetaDto, WeeklyReportPageDto } from './dto/weekly-report.dto';
import { renderWeeklyReportCsv } from './render/weekly-report.csv';
import { renderWeeklyReportXlsx } from './render/weekly-report.xlsx';
import { DEFAULT_CSV_SECTION, REPORT_SECTIONS, ReportSection } from './render/report-tables';
import { RenderedReportCache } from './rendered-report.cache';
import { ifNoneMatchHits, reportEtag } from './report-etag';
import { negotiateReportFormat, REPORT_MEDIA_TYPES, ReportFormat } from './report-format';
import { WeeklyReportErrors } from './weekly-report.errors';

/** What a report read answers: 200 with a body, or 304 with only the validators. */
export interface ReportRepresentation {
  status: 200 | 304;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface ReadRequest {
  format?: string;
  section?: string;
  accept?: string;
  ifNoneMatch?: string;
}

/**
 * 周报 reads and builds. Reads never build: a week that is not stored is a 404
 * whose message says how to build it (POST …/build), so a GET stays safe and
 * cheap. Builds of a stored week return it untouched unless an admin asks for
 * ?rebuild=true. Representations are cached by ETag (rendered-report.cache.ts).
 */
@Injectable()
export class WeeklyReportsService {
  constructor(
    private readonly store: WeeklyReportStore,
    private readonly clock: Clock,
    private readonly cache: RenderedReportCache,
  ) {}

  async list(query: PageQuery): Promise<WeeklyReportPageDto> {
    const { items, total } = await this.store.list(query.pageSize, (query.page - 1) * query.pageSize);
    return { total, page: query.page, pageSize: query.pageSize, items: items.map(toMetaDto) };
  }

  async latest(request: ReadRequest): Promise<ReportRepresentation> {
    const negotiated = this.negotiate(request);
    return this.represent(await this.storedWeek('latest'), negotiated, request.ifNoneMatch);
  }

  async byWeek(isoWeek: string, request: ReadRequest): Promise<ReportRepresentation> {
    const week = this.parse(isoWeek);
    const negotiated = this.negotiate(request);
    return this.represent(await this.storedWeek(week.name), negotiated, request.ifNoneMatch);
  }

  /**
   * The stored week named by the path ('latest' = the newest), or the 400 of a malformed week or the 404 of one not
   * built, whose message says how to build it. Shared by the whole report and its light reads (summary, sections).
   */
  async storedWeek(isoWeek: string): Promise<WeeklyReportMeta> {
    if (isoWeek === 'latest') {
      const newest = await this.store.latest();
      if (newest) return newest;
      throw WeeklyReportErrors.notBuilt(
        'No weekly report has been built yet. The worker builds last week\'s every Monday at 07:00 (Asia/Shanghai); ' +
          'a supervisor or admin can build any past week with POST /api/v1/reports/weekly/{isoWeek}/build.',
      );
    }
    const week = this.parse(isoWeek);
    const meta = await this.store.find(week.name);
    if (meta) return meta;
    const ended = week.end < this.clock.today();
    throw WeeklyReportErrors.notBuilt(
      ended
        ? `The weekly report ${week.name} (${week.start} – ${week.end}) has not been built. A supervisor or admin can build it with POST /api/v1/reports/weekly/${week.name}/build.`
        : `The week ${week.name} (${week.start} – ${week.end}) has not ended yet; its report can be built from the Monday after it.`,
    );
  }

  async build(principal: Principal, isoWeek: string, rebuild: boolean): Promise<BuildWeeklyReportResponse> {
    const week = this.parse(isoWeek);
    if (rebuild && !isUser(principal, 'admin')) {
      throw WeeklyReportErrors.rebuildNeedsAdmin();
    }
    const today = this.clock.today();
    if (week.end >= today) {
      throw WeeklyReportErrors.weekNotEnded(
        `The week ${week.name} ends on ${week.end}; a report is as of its Sunday, so it can be built from ${isoWeekOf(today).name === week.name ? 'next Monday' : 'the Monday after it'}.`,
        [{ field: 'isoWeek', reason: 'the week has not ended' }],
      );
    }
    const request = {
      source: rebuild ? ('rebuild' as const) : ('on_demand' as const),
      builtBy: principal.name,
      actor: principal,
    };
    const { report, outcome } = rebuild ? await this.store.rebuild(week, request) : await this.store.buildOnce(week, request);
    return { outcome, report: toMetaDto(report) };
  }

  private parse(isoWeek: string): IsoWeek {
    const week = parseIsoWeek(isoWeek);
    if (!week) {
      throw WeeklyReportErrors.invalidIsoWeek(isoWeek);
    }
    return week;
  }

  private negotiate(request: ReadRequest): { format: ReportFormat; section?: ReportSection } {
    const format = negotiateReportFormat(request.format, request.accept);
    // Checked for every format: an unknown section is the caller's mistake even where sections are not split out.
    const section = request.section ?? DEFAULT_CSV_SECTION;
    if (!(REPORT_SECTIONS as readonly string[]).includes(section)) {
      throw WeeklyReportErrors.unknownSection(section, REPORT_SECTIONS);
    }
    if (format !== 'csv') return { format };
    return { format, section: section as ReportSection };
  }

  private async represent(meta: WeeklyReportMeta, { format, section }: { format: ReportFormat; section?: ReportSection }, ifNoneMatch?: string): Promise<ReportRepresentation> {
    const etag = reportEtag(meta.contentHash, format, section);
    const headers: Record<string, string> = {
      etag,
      'cache-control': 'private, no-cache',
      vary: 'Accept, Authorization, X-API-Key',
      'x-report-week': meta.isoWeek,
    };
    if (ifNoneMatchHits(ifNoneMatch, etag)) return { status: 304, headers };

    let body = this.cache.get(etag);
    if (!body) {
      const stored = await this.store.contentText(meta.isoWeek);
      if (!stored || stored.contentHash.trim() !== meta.contentHash.trim()) {
        // Rebuilt between the two reads: answer with what is stored now.
        const current = await this.store.find(meta.isoWeek);
        return this.represent(current!, { format, section }, ifNoneMatch);
      }
      body = await this.render(meta, stored.text, format, section);
      this.cache.set(etag, body);
    }
    headers['content-type'] = REPORT_MEDIA_TYPES[format];
    if (format !== 'json') {
      const name = `weekly-report-${meta.isoWeek}${section ? `-${section}` : ''}.${format}`;
      const chineseName = `玉泉区重点工程周报-${meta.isoWeek}${section ? `-${section}` : ''}.${format}`;
      headers['content-disposition'] = `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
    }
    return { status: 200, headers, body };
  }

  private async render(meta: WeeklyReportMeta, contentText: string, format: ReportFormat, section?: ReportSection): Promise<Buffer> {
    if (format === 'json') {
      // The stored jsonb text is spliced in as is: no parse and re-serialise of a report that can run to megabytes.
      const head = JSON.stringify(toMetaDto(meta));
      return Buffer.from(`${head.slice(0, -1)},"report":${contentText}}`, 'utf8');
    }
    const content = JSON.parse(contentText) as WeeklyReportContent;
    return format === 'csv' ? renderWeeklyReportCsv(content, section ?? DEFAULT_CSV_SECTION) : renderWeeklyReportXlsx(content);
  }
}

export function toMetaDto(meta: WeeklyReportMeta): WeeklyReportMetaDto {
  return {
    isoWeek: meta.isoWeek,
    weekStart: meta.weekStart,
    weekEnd: meta.weekEnd,
    builtAt: meta.builtAt.toISOString(),
    revision: meta.revision,
    buildSource: meta.buildSource,
    builtBy: meta.builtBy,
    contentHash: meta.contentHash.trim(),
  };
}
