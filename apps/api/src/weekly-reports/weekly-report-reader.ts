import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Light reads of stored 周报 snapshots, done in Postgres on the jsonb: a report of a 10,000-project portfolio is
 * ~10 MiB, and the summary, a page of one section or twelve weeks of rankings need a few kilobytes of it. Each
 * query splits a snapshot into its top-level members once (jsonb_each: one detoast per snapshot, however many members
 * are read) and only the wanted members, or a slice of one array, travel to Node.
 */
@Injectable()
export class WeeklyReportReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The summary's members: small ones whole, the project-sized arrays as their lengths, the per-专栏 and
   * per-责任单位 buckets cut to their names, investment and lights. Absent members are absent from the result.
   */
  async summaryParts(isoWeek: string): Promise<Record<string, unknown>> {
    const rows: Array<{ key: string; value: unknown }> = await this.dataSource.query(
      `SELECT e.key,
              CASE
                WHEN e.key IN ('overdueMilestones', 'projectLights', 'byKind') AND jsonb_typeof(e.value) = 'array' THEN to_jsonb(jsonb_array_length(e.value))
                WHEN e.key = 'byColumn' AND jsonb_typeof(e.value) = 'array' THEN
                  (SELECT coalesce(jsonb_agg(jsonb_build_object('columnNumber', b->'columnNumber', 'title', b->'title', 'investment', b->'investment', 'lights', b->'lights') ORDER BY i), '[]'::jsonb)
                     FROM jsonb_array_elements(e.value) WITH ORDINALITY AS t(b, i))
                WHEN e.key = 'byOwnerUnit' AND jsonb_typeof(e.value) = 'array' THEN
                  (SELECT coalesce(jsonb_agg(jsonb_build_object('ownerUnitId', b->'ownerUnitId', 'name', b->'name', 'investment', b->'investment', 'lights', b->'lights') ORDER BY i), '[]'::jsonb)
                     FROM jsonb_array_elements(e.value) WITH ORDINALITY AS t(b, i))
                WHEN e.key = 'supervisionNotices' THEN
                  jsonb_build_object('totals', e.value->'totals', 'rows', CASE WHEN jsonb_typeof(e.value->'byOwnerUnit') = 'array' THEN jsonb_array_length(e.value->'byOwnerUnit') ELSE 0 END)
                ELSE e.value
              END AS value
         FROM weekly_reports r
        CROSS JOIN LATERAL jsonb_each(r.content) AS e(key, value)
        WHERE r.iso_week = $1`,
      [isoWeek],
    );
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  /**
   * The members `keys` of a snapshot, one of them (`arrayKey`) with the array at `arrayPath` inside it cut to
   * [offset, offset + limit) and its full length in `total`. The array is taken out once (OFFSET 0 keeps the planner
   * from copying the expression into every element access); elements are read by index, not by unnesting all.
   */
  async sectionParts(
    isoWeek: string,
    keys: readonly string[],
    arrayKey: string | null,
    arrayPath: readonly string[],
    offset: number,
    limit: number,
  ): Promise<{ parts: Record<string, unknown>; total: number | null }> {
    const rows: Array<{ key: string; value: unknown; total: number | null }> = await this.dataSource.query(
      `SELECT p.key,
              CASE WHEN p.key = $3 AND jsonb_typeof(p.arr) = 'array'
                   THEN CASE WHEN cardinality($4::text[]) = 0 THEN page.items ELSE jsonb_set(p.value, $4::text[], page.items) END
                   ELSE p.value END AS value,
              CASE WHEN p.key = $3 AND jsonb_typeof(p.arr) = 'array' THEN jsonb_array_length(p.arr) END AS total
         FROM (SELECT e.key, e.value, CASE WHEN e.key = $3 THEN e.value #> $4::text[] END AS arr
                 FROM weekly_reports r
                CROSS JOIN LATERAL jsonb_each(r.content) AS e(key, value)
                WHERE r.iso_week = $1 AND e.key = ANY($2::text[])
               OFFSET 0) p
         LEFT JOIN LATERAL (
           SELECT coalesce(jsonb_agg(p.arr -> i ORDER BY i), '[]'::jsonb) AS items
             FROM generate_series($5::int, least($5::int + $6::int, CASE WHEN jsonb_typeof(p.arr) = 'array' THEN jsonb_array_length(p.arr) ELSE 0 END) - 1) AS i
            WHERE p.key = $3
         ) page ON true`,
      [isoWeek, keys, arrayKey ?? '', arrayPath, offset, limit],
    );
    const target = rows.find((row) => row.key === arrayKey);
    return { parts: Object.fromEntries(rows.map((row) => [row.key, row.value])), total: target?.total ?? null };
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
    const parts = `parts AS MATERIALIZED (
        SELECT r.iso_week, e.key, e.value
          FROM weekly_reports r
         CROSS JOIN LATERAL jsonb_each(r.content) AS e(key, value)
         WHERE r.iso_week = ANY($1::text[]) AND e.key IN ('overview', 'ranking', 'byOwnerUnit'))`;
    const [weeks, points] = await Promise.all([
      this.dataSource.query(
        `WITH ${parts}
         SELECT w.iso_week AS "isoWeek",
                (o.value #>> '{projects,total}')::int AS projects,
                (o.value #>> '{lights,red}')::int AS red,
                (o.value #>> '{lights,yellow}')::int AS yellow,
                (o.value #>> '{lights,green}')::int AS green
           FROM unnest($1::text[]) AS w(iso_week)
           LEFT JOIN parts o ON o.iso_week = w.iso_week AND o.key = 'overview'
          ORDER BY w.iso_week`,
        [isoWeeks],
      ),
      this.dataSource.query(
        `WITH ${parts},
         ranked AS (
           SELECT p.iso_week, item
             FROM parts p
            CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.value->'items') = 'array' THEN p.value->'items' ELSE '[]'::jsonb END) AS item
            WHERE p.key = 'ranking'),
         units AS (
           SELECT p.iso_week, u->>'ownerUnitId' AS owner_unit_id, (u #>> '{lights,red}')::int AS red, (u #>> '{lights,yellow}')::int AS yellow
             FROM parts p
            CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.value) = 'array' THEN p.value ELSE '[]'::jsonb END) AS u
            WHERE p.key = 'byOwnerUnit')
         SELECT k.iso_week AS "isoWeek", k.item->>'ownerUnitId' AS "ownerUnitId", k.item->>'name' AS name,
                (k.item->>'rank')::int AS rank, (k.item->>'due')::int AS due, (k.item->>'metOnTime')::int AS "metOnTime",
                k.item->>'onTimeRate' AS "onTimeRate", u.red, u.yellow
           FROM ranked k
           LEFT JOIN units u ON u.iso_week = k.iso_week AND u.owner_unit_id = k.item->>'ownerUnitId'
          ORDER BY k.iso_week, (k.item->>'rank')::int NULLS LAST, k.item->>'name'`,
        [isoWeeks],
      ),
    ]);
    return { weeks, points };
  }
}
