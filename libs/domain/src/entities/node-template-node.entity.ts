import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import type { MilestoneKind } from '../enums';
import { NodeTemplateVersion } from './node-template-version.entity';

/** 模板节点: one node of a template version — what a generated milestone is made from. */
@Entity('node_template_nodes')
@Unique(['versionId', 'code'])
@Unique(['versionId', 'sortOrder'])
@Check(
  'ck_node_template_nodes_milestone_kind',
  `"milestone_kind" IN ('project_approval', 'feasibility_approval', 'land_planning_permit', 'construction_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'handover', 'in_service', 'custom')`,
)
@Check('ck_node_template_nodes_duration', `"duration_working_days" >= 0 AND "duration_working_days" <= 1000`)
export class NodeTemplateNode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => NodeTemplateVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<NodeTemplateVersion>;

  /** Stable within the template across versions (statistics group by it), e.g. 'construction_permit'. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** The milestone kind a generated milestone gets (custom for kind-specific nodes such as 电网接入批复). */
  @Column({ type: 'varchar', length: 32 })
  milestoneKind: MilestoneKind;

  /** 办理时限: working days after its predecessors are met (after the project's start for a first node). */
  @Column({ type: 'int' })
  durationWorkingDays: number;

  /** 关键节点: its moves always need the 督查室. */
  @Column({ type: 'boolean', default: false })
  isKey: boolean;

  /** 需上传佐证: met only with a document attached (批复, 许可证, 验收报告). */
  @Column({ type: 'boolean', default: false })
  requiresDocument: boolean;

  @Column({ type: 'int' })
  sortOrder: number;
}
