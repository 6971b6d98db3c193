import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { DeadlineChangeRequest } from './deadline-change-request.entity';
import { Milestone } from './milestone.entity';

/** 一并调整: a dependent milestone a deadline-change request moves with its own, decided with it as a whole. */
@Entity('deadline_change_request_dependents')
@Index(['milestoneId'])
@Check('ck_deadline_change_request_dependents_moves', `"new_date" <> "old_date"`)
export class DeadlineChangeRequestDependent {
  @PrimaryColumn({ type: 'uuid' })
  requestId: string;

  @PrimaryColumn({ type: 'uuid' })
  milestoneId: string;

  @ManyToOne(() => DeadlineChangeRequest, (request) => request.dependents, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<DeadlineChangeRequest>;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone>;

  @Column({ type: 'date' })
  oldDate: string;

  @Column({ type: 'date' })
  newDate: string;

  @Column({ type: 'int' })
  workingDays: number;

  /** The dependent's version when the request was made: approving is refused if it changed since. */
  @Column({ type: 'int' })
  milestoneVersion: number;
}
