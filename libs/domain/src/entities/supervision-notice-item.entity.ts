import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Milestone } from './milestone.entity';
import { Project } from './project.entity';
import { SupervisionNotice } from './supervision-notice.entity';

/** One late project (and optionally one of its milestones) a 督办单 is about. */
@Entity('supervision_notice_items')
@Unique(['noticeId', 'position'])
@Index(['projectId'])
@Index(['milestoneId'])
export class SupervisionNoticeItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  noticeId: string;

  @ManyToOne(() => SupervisionNotice, (notice) => notice.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: Relation<SupervisionNotice>;

  /** Order in which the notice lists it (0-based, as in the request's items[i]). */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'uuid', nullable: true })
  milestoneId: string | null;

  @ManyToOne(() => Milestone, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone> | null;

  /** The date the unit committed to in its latest reply (history is in the events). */
  @Column({ type: 'date', nullable: true })
  committedDate: string | null;
}
