import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, Relation } from 'typeorm';
import { Project } from './project.entity';

/** 完成投资: investment completed by one project in one month ('YYYY-MM'), whole yuan. */
@Entity('project_monthly_investments')
@Check('ck_project_monthly_investments_month', `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('ck_project_monthly_investments_amount', `"amount_yuan" >= 0`)
export class ProjectMonthlyInvestment {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  month: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'bigint' })
  amountYuan: string;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
