import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_KINDS = ['projects', 'monthly-report'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_MODES = ['all-or-nothing', 'valid-rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * One Excel import (台账导入 or 月报导入), dry run or real, with its report row by
 * row: what it created, changed (field by field), left as it was and rejected. The
 * audit rows of what it wrote carry its id.
 */
@Entity('import_runs')
@Index(['actorId', 'createdAt'])
@Check('ck_import_runs_kind', `"kind" IN ('projects', 'monthly-report')`)
@Check('ck_import_runs_mode', `"mode" IN ('all-or-nothing', 'valid-rows')`)
export class ImportRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 16 })
  mode: ImportMode;

  @Column({ type: 'boolean' })
  dryRun: boolean;

  /** Whether the run wrote its changes (false for a dry run, and for all-or-nothing with a rejected row). */
  @Column({ type: 'boolean' })
  applied: boolean;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'char', length: 64 })
  fileSha256: string;

  @Column({ type: 'uuid' })
  actorId: string;

  @Column({ type: 'text' })
  actorName: string;

  /** Row counts: rows, create, update, unchanged, rejected. */
  @Column({ type: 'jsonb' })
  summary: Record<string, number>;

  /** The report rows (ImportReportRow of apps/api/src/imports). */
  @Column({ type: 'jsonb' })
  report: unknown[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
