import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import type { IndicatorNature } from '../enums';
import { Plan } from './plan.entity';

/**
 * A row of 专栏 1, the plan's table of main indicators. Values are kept as the
 * plan writes them ('5 左右', '（4.47）', '达到自治区、市要求'), since many are not numbers.
 */
@Entity('plan_indicators')
@Unique(['planId', 'number'])
@Check('ck_plan_indicators_nature', `"nature" IN ('expected', 'binding')`)
export class PlanIndicator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'int' })
  number: number;

  /** 经济发展, 创新驱动, 绿色生态, 民生福祉 … */
  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Column({ type: 'text', nullable: true })
  value2025: string | null;

  @Column({ type: 'text', nullable: true })
  target2030: string | null;

  /** 年均/累计 */
  @Column({ type: 'text', nullable: true })
  annualOrCumulative: string | null;

  /** 预期性 (expected) or 约束性 (binding). */
  @Column({ type: 'varchar', length: 16 })
  nature: IndicatorNature;
}
