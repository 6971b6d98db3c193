import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The stored snapshot of a week, decompressed once: `content || '{}'` hands back the detoasted value, and OFFSET 0
 * keeps the planner from folding the subquery into each use (each `content -> …` on the column itself would
 * decompress the whole ~10 MiB again: five members cost five times one).
 */
const SNAPSHOT = `(SELECT content || '{}'::jsonb AS c FROM weekly_reports WHERE iso_week = $1 OFFSET 0)`;

/**
 * Light reads of stored 周报 snapshots, done in Postgres on the jsonb: a report of a 10,000-project portfolio is
 * ~10 MiB, and the summary, a page of one section or twelve weeks of rankings need a few kilobytes of it. Each query
 * decompresses a snapshot once and sends Node only the wanted members, or a slice of one array (read by index).
 */
@Injectable()
export class WeeklyReportReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The summary's members: small ones whole, the project-sized arrays as their lengths, the per-专栏 and
   * per-责任单位 buckets cut to their names, investment and lights. A member the snapshot lacks comes back null.
   */
  async summaryParts(isoWeek: string): Promise<Record<string, unknown>> {
    const bucket = (member: string, key: string) =>
      `(SELECT jsonb_agg(jsonb_build_object('${key}', b->'${key}', ${key === 'columnNumber' ? `'title', b->'title'` : `'name', b->'name'`}, 'investment', b->'investment', 'lights', b->'lights') ORDER BY i)
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.c->'${member}') = 'array' THEN s.c->'${member}' ELSE '[]'::jsonb END) WITH ORDINALITY AS t(b, i))`;
    // strict: a member that is missing or not an array is an error, silenced into null.
    const size = (path: string) => `jsonb_path_query_first(s.c, 'strict $.${path}.size()', '{}', true)`;
    const [row]: Array<{ parts: Record<string, unknown> }> = await this.dataSource.query(
      `SELECT jsonb_build_object(
                'schemaVersion', s.c->'schemaVersion', 'isoWeek', s.c->'isoWeek', 'weekStart', s.c->'weekStart', 'weekEnd', s.c->'weekEnd',
                'rules', s.c->'rules', 'definitions', s.c->'definitions', 'investmentPeriod', s.c->'investmentPeriod', 'overview', s.c->'overview',
                'ranking', s.c->'ranking',
                'byColumn', CASE WHEN s.c ? 'byColumn' THEN coalesce(${bucket('byColumn', 'columnNumber')}, '[]'::jsonb) END,
                'byOwnerUnit', CASE WHEN s.c ? 'byOwnerUnit' THEN coalesce(${bucket('byOwnerUnit', 'ownerUnitId')}, '[]'::jsonb) END,
                'byKind', ${size('byKind')},
                'overdueMilestones', ${size('overdueMilestones')},
                'projectLights', ${size('projectLights')},
                'supervisionNotices', CASE WHEN jsonb_typeof(s.c->'supervisionNotices') = 'object'
                  THEN jsonb_build_object('totals', s.c #> '{supervisionNotices,totals}', 'rows', coalesce(${size('supervisionNotices.byOwnerUnit')}, '0'::jsonb)) END,
                'progressEvidence', CASE WHEN jsonb_typeof(s.c->'progressEvidence') = 'object'
                  THEN jsonb_build_object('totals', s.c #> '{progressEvidence,totals}', 'rows', coalesce(${size('progressEvidence.byOwnerUnit')}, '0'::jsonb)) END,
                'problemLedger', CASE WHEN jsonb_typeof(s.c->'problemLedger') = 'object'
                  THEN jsonb_build_object('totals', s.c #> '{problemLedger,totals}', 'rows', coalesce(${size('problemLedger.byOwnerUnit')}, '0'::jsonb),
                                          'openRows', coalesce(${size('problemLedger.oldestOpen')}, '0'::jsonb)) END
              ) AS parts
         FROM ${SNAPSHOT} s`,
      [isoWeek],
    );
    return Object.fromEntries(Object.entries(row?.parts ?? {}).filter(([, value]) => value !== null));
  }

  /**
   * The members `keys` of a snapshot and, when `arrayKey` is given, the array at `arrayPath` inside that member cut
   * to [offset, offset + limit), put back in its place, with the array's full length in `total`.
   */
  async sectionParts(
    isoWeek: string,
    keys: readonly string[],
    arrayKey: string | null,
    arrayPath: readonly string[],
    offset: number,
    limit: number,
  ): Promise<{ parts: Record<string, unknown>; total: number | null }> {
    const headKeys = keys.filter((key) => key !== arrayKey);
    const [row]: Array<{ head: Record<string, unknown>; member: unknown; total: number | null; items: unknown[] }> = await this.dataSource.query(
      `SELECT u.head, u.member, u.total,
              (SELECT coalesce(jsonb_agg(u.arr -> i ORDER BY i), '[]'::jsonb)
                 FROM generate_series($5::int, least($5::int + $6::int, coalesce(u.total, 0)) - 1) AS i) AS items
         FROM (SELECT t.head, t.member, t.arr, CASE WHEN jsonb_typeof(t.arr) = 'array' THEN jsonb_array_length(t.arr) END AS total
                 FROM (SELECT (SELECT coalesce(jsonb_object_agg(k, s.c -> k), '{}'::jsonb) FROM unnest($2::text[]) AS k WHERE s.c ? k) AS head,
                              CASE WHEN cardinality($4::text[]) > 0 AND jsonb_typeof(s.c -> $3) = 'object' THEN (s.c -> $3) #- $4::text[] END AS member,
                              (s.c -> $3) #> $4::text[] AS arr
                         FROM ${SNAPSHOT} s
                       OFFSET 0) t
               OFFSET 0) u`,
      [isoWeek, headKeys, arrayKey ?? '', arrayPath, offset, limit],
    );
    const parts: Record<string, unknown> = { ...(row?.head ?? {}) };
    if (arrayKey && row && row.total !== null) {
      if (arrayPath.length === 0) parts[arrayKey] = row.items;
      else if (row.member && typeof row.member === 'object') parts[arrayKey] = { ...(row.member as object), [arrayPath[0]]: row.items };
    }
    return { parts, total: row?.total ?? null };
  }

  /** The newest `weeks` stored weeks, newest first, with their hashes (the history's validator). */
  async recentWeeks(weeks: number): Promise<Array<{ isoWeek: string; weekEnd: string; contentHash: string }>> {
    return this.dataSource.query(
      `SELECT iso_week AS "isoWeek", week_end AS "weekEnd", trim(content_hash) AS "contentHash" FROM weekly_reports ORDER BY iso_week DESC LIMIT $1`,
      [weeks],
    );
  }

  /** Each week's district lights (总览) and each ranked unit's figures with its red/yellow count, from those weeks. */
  async rankingHistory(isoWeeks: readonly string[]): Promise<{
    weeks: Array<{ isoWeek: string; projects: number | null; red: number | null; yellow: number | null; green: number | null }>;
    points: Array<{ isoWeek: string; ownerUnitId: string; name: string; rank: number | null; due: number; metOnTime: number; onTimeRate: string | null; red: number | null; yellow: number | null }>;
  }> {
    // Each week decompressed once (as SNAPSHOT does for one), then its three members taken out of it.
    // Each week decompressed once; only its three small members are kept, and the points are joined in SQL.
    const rows: Array<{
      isoWeek: string;
      projects: number | null;
      red: number | null;
      yellow: number | null;
      green: number | null;
      points: Array<{ ownerUnitId: string; name: string; rank: number | null; due: number; metOnTime: number; onTimeRate: string | null; red: number | null; yellow: number | null }>;
    }> = await this.dataSource.query(
      `WITH parts AS MATERIALIZED (
         SELECT r.iso_week, x.overview, x.ranking, x.units
           FROM weekly_reports r
          CROSS JOIN LATERAL (
            SELECT s.c -> 'overview' AS overview, s.c -> 'ranking' AS ranking, s.c -> 'byOwnerUnit' AS units
              FROM (SELECT r.content || '{}'::jsonb AS c OFFSET 0) s) x
          WHERE r.iso_week = ANY($1::text[]))
       SELECT w.iso_week AS "isoWeek",
              (p.overview #>> '{projects,total}')::int AS projects,
              (p.overview #>> '{lights,red}')::int AS red,
              (p.overview #>> '{lights,yellow}')::int AS yellow,
              (p.overview #>> '{lights,green}')::int AS green,
              coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                         'ownerUnitId', item->>'ownerUnitId', 'name', item->>'name', 'rank', (item->>'rank')::int,
                         'due', (item->>'due')::int, 'metOnTime', (item->>'metOnTime')::int, 'onTimeRate', item->>'onTimeRate',
                         'red', (u #>> '{lights,red}')::int, 'yellow', (u #>> '{lights,yellow}')::int) ORDER BY i)
                  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.ranking -> 'items') = 'array' THEN p.ranking -> 'items' ELSE '[]'::jsonb END) WITH ORDINALITY AS k(item, i)
                  LEFT JOIN LATERAL (
                    SELECT u FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.units) = 'array' THEN p.units ELSE '[]'::jsonb END) AS b(u)
                     WHERE u->>'ownerUnitId' = item->>'ownerUnitId' LIMIT 1) unit ON true
              ), '[]'::jsonb) AS points
         FROM unnest($1::text[]) AS w(iso_week)
         LEFT JOIN parts p ON p.iso_week = w.iso_week
        ORDER BY w.iso_week`,
      [isoWeeks],
    );
    const weeks = rows.map(({ points: _points, ...week }) => week);
    const points = rows.flatMap((row) => row.points.map((point) => ({ isoWeek: row.isoWeek, ...point })));
    return { weeks, points };
  }
}
