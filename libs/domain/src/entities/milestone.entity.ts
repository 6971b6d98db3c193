import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  Relation,
  VersionColumn,
} from 'typeorm';
import type { MilestoneKind, MilestoneStatus } from '../enums';
import { NodeTemplateNode } from './node-template-node.entity';
import { Project } from './project.entity';

/** 节点: a dated step of a project. Dates are calendar dates in Asia/Shanghai. */
@Entity('milestones')
@Index(['projectId', 'plannedDate'])
// "due before X and not done": the reminder scan and the overdue lists read this index.
@Index('idx_milestones_open_by_planned_date', ['plannedDate'], { where: `"status" = 'pending'` })
@Check(
  'ck_milestones_kind',
  `"kind" IN ('project_approval', 'feasibility_approval', 'land_planning_permit', 'construction_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'handover', 'in_service', 'custom')`,
)
// One milestone per template node and project; the node statistics read milestones by node.
@Index('uq_milestones_project_template_node', ['projectId', 'templateNodeId'], { unique: true, where: `"template_node_id" IS NOT NULL` })
@Index('idx_milestones_template_node', ['templateNodeId'], { where: `"template_node_id" IS NOT NULL` })
@Check('ck_milestones_status', `"status" IN ('pending', 'done', 'cancelled', 'removed')`)
@Check('ck_milestones_done_has_actual_date', `("status" = 'done') = ("actual_date" IS NOT NULL)`)
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, (project) => project.milestones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'varchar', length: 32 })
  kind: MilestoneKind;

  /** Chinese label of the kind, or the custom name. */
  @Column({ type: 'text' })
  name: string;

  /** The date first committed to; it does not move silently. */
  @Column({ type: 'date' })
  baselineDate: string;

  /** The date currently planned. */
  @Column({ type: 'date' })
  plannedDate: string;

  @Column({ type: 'date', nullable: true })
  actualDate: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: MilestoneStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  /** The template node it was generated from (节点模板), null for a milestone added by hand. */
  @Column({ type: 'uuid', nullable: true })
  templateNodeId: string | null;

  @ManyToOne(() => NodeTemplateNode, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_node_id' })
  templateNode?: Relation<NodeTemplateNode> | null;

  /** 关键节点 by its template (besides the key kinds): its moves always need the 督查室. */
  @Column({ type: 'boolean', default: false })
  isKeyNode: boolean;

  /** Its template node needs a document (批复, 许可证) when met: completing it needs a standing attachment. */
  @Column({ type: 'boolean', default: false })
  requiresDocument: boolean;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
