import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation } from 'typeorm';
import { Project } from './project.entity';

/**
 * The last light (红黄绿灯) the worker saw for a project: a turn to red is
 * announced once, when this row changes to red, not every day it stays red.
 */
@Entity('project_light_states')
export class ProjectLightState {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @OneToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'varchar', length: 8 })
  light: string;

  /** How many times the project has turned red: part of the event key of each turn. */
  @Column({ type: 'int', default: 0 })
  redTurns: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
