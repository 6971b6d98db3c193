import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { PlanColumn } from './plan-column.entity';

/** A numbered sub-heading inside a 专栏, e.g. 「3.能源基础设施建设工程」. */
@Entity('plan_groups')
@Unique(['columnId', 'number'])
export class PlanGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  columnId: string;

  @ManyToOne(() => PlanColumn, (column) => column.groups, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'column_id' })
  column?: Relation<PlanColumn>;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  title: string;
}
