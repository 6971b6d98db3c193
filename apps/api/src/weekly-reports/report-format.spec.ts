import { AppError } from '../common/app-error';
import { ifNoneMatchHits, reportEtag } from './report-etag';
import { negotiateReportFormat } from './report-format';
import { wanWithFourDecimals } from './render/report-tables';

describe('report format negotiation', () => {
  it('lets ?format win, case-insensitively', () => {
    expect(negotiateReportFormat('CSV', 'application/json')).toBe('csv');
    expect(negotiateReportFormat('xlsx', undefined)).toBe('xlsx');
  });

  it('reads Accept with q-values and wildcards; JSON without any', () => {
    expect(negotiateReportFormat(undefined, undefined)).toBe('json');
    expect(negotiateReportFormat(undefined, 'text/csv;q=0.4, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(negotiateReportFormat(undefined, 'text/*')).toBe('csv');
    expect(negotiateReportFormat(undefined, 'image/png, */*;q=0.1')).toBe('json');
    expect(negotiateReportFormat(undefined, 'text/csv;q=0, application/json')).toBe('json');
  });

  it('refuses what it cannot produce with 406 naming the source', () => {
    const refused = (format: string | undefined, accept: string | undefined) => {
      try {
        negotiateReportFormat(format, accept);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('not refused');
    };
    expect(refused('pdf', undefined)).toMatchObject({ status: 406, code: 'UNSUPPORTED_REPORT_FORMAT', details: [{ field: 'format' }] });
    expect(refused(undefined, 'application/pdf, text/html')).toMatchObject({ status: 406, details: [{ field: 'accept' }] });
  });
});

describe('report ETags', () => {
  it('are content hash + format (+ section), weak for XLSX, and match If-None-Match lists weakly', () => {
    expect(reportEtag('abc', 'json')).toBe('"abc-json"');
    expect(reportEtag('abc', 'csv', 'ranking')).toBe('"abc-csv-ranking"');
    expect(reportEtag('abc', 'xlsx')).toBe('W/"abc-xlsx"');
    expect(ifNoneMatchHits('"x", W/"abc-json"', '"abc-json"')).toBe(true);
    expect(ifNoneMatchHits('"abc-xlsx"', 'W/"abc-xlsx"')).toBe(true);
    expect(ifNoneMatchHits('*', '"abc-json"')).toBe(true);
    expect(ifNoneMatchHits('"abc-csv-overview"', '"abc-json"')).toBe(false);
    expect(ifNoneMatchHits(undefined, '"abc-json"')).toBe(false);
  });
});

describe('万元 with four decimals', () => {
  it('is exact from whole yuan', () => {
    expect(wanWithFourDecimals('293456789')).toBe('29345.6789');
    expect(wanWithFourDecimals('140000000')).toBe('14000.0000');
    expect(wanWithFourDecimals('5')).toBe('0.0005');
    expect(wanWithFourDecimals('-12345')).toBe('-1.2345');
    expect(wanWithFourDecimals('123456789012345678')).toBe('12345678901234.5678');
  });
});
