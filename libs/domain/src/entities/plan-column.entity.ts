import { Check, Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { Plan } from './plan.entity';
import { PlanGroup } from './plan-group.entity';

/** 专栏: a numbered box of the plan listing key projects (专栏 2 … 专栏 11). */
@Entity('plan_columns')
@Unique(['planId', 'number'])
@Check('ck_plan_columns_reporting_period', `"reporting_period" IS NULL OR "reporting_period" IN ('week', 'month')`)
export class PlanColumn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, (plan) => plan.columns, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  /** 按时填报: this 专栏's reporting period (每周 / 每月); null = the default of reporting_settings. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  reportingPeriod: 'week' | 'month' | null;

  @OneToMany(() => PlanGroup, (group) => group.column)
  groups?: Relation<PlanGroup>[];
}
