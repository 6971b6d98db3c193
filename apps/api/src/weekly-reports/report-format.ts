import { WeeklyReportErrors } from './weekly-report.errors';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const byMediaType: Record<string, ReportFormat> = {
  'application/json': 'json',
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  // Wildcards: the first format of the family.
  'application/*': 'json',
  'text/*': 'csv',
  '*/*': 'json',
};

const unsupported = WeeklyReportErrors.unsupportedFormat;

/**
 * The format of a report response: `?format=` wins; otherwise the Accept
 * header's most preferred supported type (q-values honoured, ties in header
 * order); no Accept → JSON. An unsupported format either way → 406.
 */
export function negotiateReportFormat(format: string | undefined, accept: string | undefined): ReportFormat {
  if (format !== undefined && format !== '') {
    const wanted = format.toLowerCase();
    if ((REPORT_FORMATS as readonly string[]).includes(wanted)) return wanted as ReportFormat;
    throw unsupported('format', `Format "${format}" is not available; use format=json, csv or xlsx`);
  }
  if (!accept || accept.trim() === '') return 'json';
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type, ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((range) => range.type !== '' && !Number.isNaN(range.q) && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const chosen = byMediaType[range.type];
    if (chosen) return chosen;
  }
  throw unsupported('accept', `None of "${accept}" is available; accept application/json, text/csv or ${REPORT_MEDIA_TYPES.xlsx}`);
}
