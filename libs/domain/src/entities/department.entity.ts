import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DepartmentKind } from '../enums';

/** 责任单位: a department or a sub-district (街道/镇) that owns projects. */
@Entity('departments')
@Unique(['code'])
@Unique(['name'])
@Check('ck_departments_kind', `"kind" IN ('department', 'subdistrict', 'town')`)
export class Department {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DepartmentKind;

  /** True for rows added by the demo seed, never by the plan catalogue. */
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
