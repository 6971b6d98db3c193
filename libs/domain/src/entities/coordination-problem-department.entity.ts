import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CoordinationProblem } from './coordination-problem.entity';
import { Department } from './department.entity';
import { User } from './user.entity';

/**
 * A coordinating department (协调部门) of a problem, with what it answered: the
 * measure (协调措施) and the date it commits to, once it accepts the problem.
 */
@Entity('coordination_problem_departments')
@Index(['departmentId'])
export class CoordinationProblemDepartment {
  @PrimaryColumn({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => CoordinationProblem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Relation<CoordinationProblem>;

  @PrimaryColumn({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department>;

  /** Order the raising unit listed them in (the first is the lead department, 牵头). */
  @Column({ type: 'smallint', default: 0 })
  position: number;

  @Column({ type: 'text', nullable: true })
  measure: string | null;

  /** Calendar date the department commits to. */
  @Column({ type: 'date', nullable: true })
  measureDate: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accepted_by_id' })
  acceptedBy?: Relation<User> | null;
}
