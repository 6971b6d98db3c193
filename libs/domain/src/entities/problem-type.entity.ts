import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * 问题类型: the codelist of coordination problems (资金, 用地/征拆, 前期手续, 规划,
 * 施工条件, 其他 are seeded by the migration). An admin adds types and retires
 * them (is_active = false) through the API; a type in use is never deleted.
 */
@Entity('problem_types')
@Unique(['name'])
@Check('ck_problem_types_code', `"code" ~ '^[a-z][a-z0-9_]{0,31}$'`)
export class ProblemType {
  /** Stable code used in filters and the API, e.g. 'funding'. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  /** Retired types stay on the problems that carry them but cannot be chosen for a new one. */
  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
