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
  Relation,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Department } from './department.entity';
import { ProblemType } from './problem-type.entity';
import { ProgressReport } from './progress-report.entity';
import { Project } from './project.entity';
import { User } from './user.entity';
import type { CoordinationProblemDepartment } from './coordination-problem-department.entity';

/**
 * Where a problem stands: new (新增) → coordinating (协调中, a coordinating department
 * accepted it with its measure) → resolved (已解决, claimed by the raising unit) →
 * closed (已销号, by the 督查室) — or back to coordinating when the office returns it;
 * suspended (挂起) from any open state, with a reason, and resumed to where it was.
 */
export const COORDINATION_PROBLEM_STATES = ['new', 'coordinating', 'resolved', 'closed', 'suspended'] as const;
export type CoordinationProblemState = (typeof COORDINATION_PROBLEM_STATES)[number];

export const COORDINATION_PROBLEM_STATE_LABELS: Record<CoordinationProblemState, string> = {
  new: '新增',
  coordinating: '协调中',
  resolved: '已解决',
  closed: '已销号',
  suspended: '挂起',
};

/** The states a problem climbs (催办) from when it does not move; suspended and closed ones never climb. */
export const COORDINATION_PROBLEM_OPEN_STATES: readonly CoordinationProblemState[] = ['new', 'coordinating', 'resolved'];

export const COORDINATION_PROBLEM_SEVERITIES = ['general', 'major', 'critical'] as const;
export type CoordinationProblemSeverity = (typeof COORDINATION_PROBLEM_SEVERITIES)[number];

export const COORDINATION_PROBLEM_SEVERITY_LABELS: Record<CoordinationProblemSeverity, string> = {
  general: '一般',
  major: '较大',
  critical: '重大',
};

/**
 * 问题台账: a problem a unit cannot solve alone, raised on a project, needing one or
 * more coordinating departments by a date. The opposite direction of a 督办单: the
 * unit asks, the district answers.
 *
 * Other features read this table by column name (the open-problem light, the
 * weekly report): id, project_id, raising_department_id, type_code, state,
 * raised_at, last_moved_at, needed_by_date, closed_at. Every change bumps the
 * project's state_version (trigger, migration 1764000010000).
 */
@Entity('coordination_problems')
@Unique(['year', 'sequence'])
@Index(['projectId', 'state'])
@Index(['raisingDepartmentId', 'state'])
@Index(['typeCode'])
@Index(['progressReportId'])
@Index(['raisedAt'])
@Index(['closedAt'])
// The climb and the open-problem light: open problems by the time they last moved.
@Index('idx_coordination_problems_open_by_last_moved_at', ['lastMovedAt'], { where: `"state" IN ('new', 'coordinating', 'resolved')` })
@Check('ck_coordination_problems_state', `"state" IN ('new', 'coordinating', 'resolved', 'closed', 'suspended')`)
@Check('ck_coordination_problems_severity', `"severity" IN ('general', 'major', 'critical')`)
@Check(
  'ck_coordination_problems_suspended_from',
  `("state" = 'suspended') = ("suspended_from_state" IS NOT NULL) AND ("suspended_from_state" IS NULL OR "suspended_from_state" IN ('new', 'coordinating', 'resolved'))`,
)
@Check('ck_coordination_problems_closed_has_closed_at', `("state" = 'closed') = ("closed_at" IS NOT NULL)`)
@Check('ck_coordination_problems_sequence', `"sequence" > 0`)
export class CoordinationProblem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 问题编号 parts: the year raised (Asia/Shanghai) and its place in that year. */
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  /** The unit that raised it and answers for it (the project's 责任单位 when raised). */
  @Column({ type: 'uuid' })
  raisingDepartmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raising_department_id' })
  raisingDepartment?: Relation<Department>;

  @Column({ type: 'varchar', length: 32 })
  typeCode: string;

  @ManyToOne(() => ProblemType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'type_code' })
  type?: Relation<ProblemType>;

  /** 问题简述 */
  @Column({ type: 'text' })
  title: string;

  /** 需协调解决的事项: what is needed, and from whom. */
  @Column({ type: 'text' })
  need: string;

  /** Calendar date (Asia/Shanghai) by which the unit needs it solved. */
  @Column({ type: 'date' })
  neededByDate: string;

  @Column({ type: 'varchar', length: 16, default: 'general' })
  severity: CoordinationProblemSeverity;

  @Column({ type: 'varchar', length: 16, default: 'new' })
  state: CoordinationProblemState;

  /** While suspended: the state resume returns to. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  suspendedFromState: CoordinationProblemState | null;

  /** The progress report (进展填报) whose 需协调事项 it was raised from. */
  @Column({ type: 'uuid', nullable: true })
  progressReportId: string | null;

  @ManyToOne(() => ProgressReport, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'progress_report_id' })
  progressReport?: Relation<ProgressReport> | null;

  @Column({ type: 'uuid' })
  raisedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by_id' })
  raisedBy?: Relation<User>;

  @Column({ type: 'timestamptz' })
  raisedAt: Date;

  /**
   * The last step that moved it (raised, accepted, claimed, returned, resumed):
   * the climb counts working days from here. Suspension stops the climb; a
   * resume starts the count again.
   */
  @Column({ type: 'timestamptz' })
  lastMovedAt: Date;

  /** 已解决: when the raising unit claimed it solved (the latest claim). */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** 销号 time. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by_id' })
  closedBy?: Relation<User> | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany('CoordinationProblemDepartment', 'problem')
  departments?: Relation<CoordinationProblemDepartment>[];
}
