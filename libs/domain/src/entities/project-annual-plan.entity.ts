import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Project } from './project.entity';

/** 年度计划投资: the investment planned for one project in one year, whole yuan. */
@Entity('project_annual_plans')
@Check('ck_project_annual_plans_amount', `"amount_yuan" >= 0`)
export class ProjectAnnualPlan {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'bigint' })
  amountYuan: string;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;
}
