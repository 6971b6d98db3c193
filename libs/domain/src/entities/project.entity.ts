import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  Relation,
  VersionColumn,
} from 'typeorm';
import type { ProjectKind, ProjectStatus } from '../enums';
import { Department } from './department.entity';
import { Milestone } from './milestone.entity';
import { NodeTemplateVersion } from './node-template-version.entity';
import { PlanColumn } from './plan-column.entity';
import { PlanGroup } from './plan-group.entity';
import { User } from './user.entity';

/** One funding source of a project (资金来源), with its amount in yuan when known. */
export interface FundingSource {
  source: string;
  amountYuan: string | null;
}

/** 重点工程: one named project of the plan, kept exactly as the plan writes it. */
@Entity('projects')
@Unique(['planRef'])
@Unique(['projectCode'])
@Index(['columnId'])
@Index(['ownerDepartmentId'])
@Index(['status'])
@Index(['kind'])
@Check('ck_projects_reporting_period', `"reporting_period" IS NULL OR "reporting_period" IN ('week', 'month')`)
// Created by hand in the migration: the trigram index for substring search on
// search_text, and name uniqueness per (group, owner unit) with NULLS NOT DISTINCT.
@Index('idx_projects_search_text_trgm', { synchronize: false })
@Index('uq_projects_group_owner_name', { synchronize: false })
@Check(
  'ck_projects_kind',
  `"kind" IN ('substation', 'school', 'pipe_network', 'road', 'resettlement_housing', 'hospital', 'ecology', 'industrial_park', 'culture_tourism', 'agriculture', 'public_safety', 'elderly_care', 'other')`,
)
@Check(
  'ck_projects_status',
  `"status" IN ('planning', 'preparation', 'under_construction', 'completed', 'in_service', 'suspended', 'cancelled')`,
)
@Check('ck_projects_planned_dates', `"planned_start_date" IS NULL OR "planned_end_date" IS NULL OR "planned_start_date" <= "planned_end_date"`)
@Check('ck_projects_total_investment', `"total_investment_yuan" IS NULL OR "total_investment_yuan" >= 0`)
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /**
   * The name normalised for search (NFKC, lower case, no spacing or punctuation),
   * maintained by a trigger with the SQL function kpt_search_normalize, which
   * the search query goes through too.
   */
  @Column({ type: 'text', default: '', select: false, insert: false, update: false })
  searchText: string;

  @Column({ type: 'uuid' })
  columnId: string;

  @ManyToOne(() => PlanColumn, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'column_id' })
  column?: Relation<PlanColumn>;

  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PlanGroup, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<PlanGroup>;

  /** Position in the plan's enumeration; keeps lists in the plan's order. */
  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @Column({ type: 'varchar', length: 32 })
  kind: ProjectKind;

  /** Kind-specific attributes (camelCase), validated per kind, e.g. { voltageKv: 220 }. */
  @Column({ type: 'jsonb', default: {} })
  attributes: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** 街道/镇 where it is built. */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerDepartmentId: string | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_department_id' })
  ownerDepartment?: Relation<Department> | null;

  /** 包联领导 */
  @Column({ type: 'text', nullable: true })
  leadOfficial: string | null;

  /** The lead official's user account, when there is one: escalated reminders (E1) reach them in the inbox. */
  @Column({ type: 'uuid', nullable: true })
  leadOfficialUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_official_user_id' })
  leadOfficialUser?: Relation<User> | null;

  @Column({ type: 'varchar', length: 32, default: 'planning' })
  status: ProjectStatus;

  @Column({ type: 'date', nullable: true })
  plannedStartDate: string | null;

  @Column({ type: 'date', nullable: true })
  plannedEndDate: string | null;

  /** 总投资, whole yuan. */
  @Column({ type: 'bigint', nullable: true })
  totalInvestmentYuan: string | null;

  /** 资金来源 */
  @Column({ type: 'jsonb', default: [] })
  fundingSources: FundingSource[];

  /** Physical progress (形象进度) 0–100, from the latest progress report. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  percentComplete: string | null;

  /**
   * Where the plan lists it: '<专栏>.<group>.<position>', e.g. '8.3.10'. The plan
   * catalogue seed's natural key; null for projects created in the app.
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  planRef: string | null;

  /** 项目代码: the national investment-approval platform's code, a lifelong id where it exists (the Excel import's first key). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  projectCode: string | null;

  /**
   * Bumped by the database on any change to the project or its milestones
   * (migration 1764000009900); the warning-light cache keys on it. Never written by the app.
   */
  @Column({ name: 'state_version', type: 'bigint', default: 1, select: false, insert: false, update: false })
  stateVersion: string;

  /** The node template version its milestones were generated from (从模板创建); it stays when the template changes. */
  @Column({ type: 'uuid', nullable: true })
  templateVersionId: string | null;

  @ManyToOne(() => NodeTemplateVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_version_id' })
  templateVersion?: Relation<NodeTemplateVersion> | null;

  /** 按时填报: this project's own reporting period (每周 / 每月); null = its 专栏's, else the default. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  reportingPeriod: 'week' | 'month' | null;

  /**
   * The last update of any kind (the project, a milestone, a progress report, investment, a problem): set by the
   * database (migration 1764000010220), read for 久未更新 (stale). Never written by the app.
   */
  @Column({ type: 'timestamptz', default: () => 'now()', select: false, insert: false, update: false })
  lastActivityAt: Date;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => Milestone, (milestone) => milestone.project)
  milestones?: Relation<Milestone>[];
}
