import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CoordinationProblem, CoordinationProblemState } from './coordination-problem.entity';

export const COORDINATION_PROBLEM_EVENT_TYPES = [
  'raised',
  'accepted',
  'claimed',
  'closed',
  'returned',
  'suspended',
  'resumed',
  'escalated',
] as const;
export type CoordinationProblemEventType = (typeof COORDINATION_PROBLEM_EVENT_TYPES)[number];

export const COORDINATION_PROBLEM_EVENT_LABELS: Record<CoordinationProblemEventType, string> = {
  raised: '提出问题',
  accepted: '受理',
  claimed: '申报已解决',
  closed: '销号',
  returned: '退回',
  suspended: '挂起',
  resumed: '恢复',
  escalated: '催办升级',
};

/** Details of an event, by type. */
export interface CoordinationProblemEventPayload {
  /** accepted: the department's committed date. */
  measureDate?: string;
  /** escalated: the step (1 coordinating departments, 2 lead official, 3 supervisors) and working days without a move. */
  step?: number;
  workingDaysStalled?: number;
  /** escalated: the problem's last move the step counts from (ISO instant). */
  movedAt?: string;
  /** raised from a progress report. */
  progressReportId?: string;
}

/**
 * The history of a problem: every step with who, when and what they said.
 * Append-only (a trigger refuses UPDATE and DELETE).
 */
@Entity('coordination_problem_events')
@Index(['problemId', 'occurredAt'])
// Created by hand in migration 1764000010010: one 'escalated' event per (problem, step, last move).
@Index('uq_coordination_problem_events_escalation', { synchronize: false })
@Check(
  'ck_coordination_problem_events_type',
  `"type" IN ('raised', 'accepted', 'claimed', 'closed', 'returned', 'suspended', 'resumed', 'escalated')`,
)
export class CoordinationProblemEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => CoordinationProblem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Relation<CoordinationProblem>;

  @Column({ type: 'varchar', length: 16 })
  type: CoordinationProblemEventType;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromState: CoordinationProblemState | null;

  @Column({ type: 'varchar', length: 16 })
  toState: CoordinationProblemState;

  /** Null for the worker's climb. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorName: string;

  /** The department the actor acted for (accepted: the coordinating department). */
  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  /** From the injected clock, like the problem's own timestamps. */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** accepted: the measure; returned / suspended: the reason; any step: the comment. */
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', default: {} })
  payload: CoordinationProblemEventPayload;
}
