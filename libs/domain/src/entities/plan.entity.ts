import { Column, Entity, OneToMany, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { PlanColumn } from './plan-column.entity';

/** 规划纲要: the document a portfolio comes from, e.g. 玉泉区“十五五”规划纲要. */
@Entity('plans')
@Unique(['code'])
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable natural key used by the seed, e.g. 'yuquan-15th-fyp'. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int' })
  startYear: number;

  @Column({ type: 'int' })
  endYear: number;

  @OneToMany(() => PlanColumn, (column) => column.plan)
  columns?: Relation<PlanColumn>[];
}
