import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique, UpdateDateColumn } from 'typeorm';
import type { ProjectKind } from '../enums';
import { NodeTemplateVersion } from './node-template-version.entity';

/** Where a template comes from: shipped by the seeds (an office adapts it), or made by the office. */
export const NODE_TEMPLATE_SOURCES = ['seed', 'office'] as const;
export type NodeTemplateSource = (typeof NODE_TEMPLATE_SOURCES)[number];

/**
 * 节点模板: the standard sequence of approvals (前期手续) and works of one kind of project. Its content lives in
 * versions (NodeTemplateVersion); `currentVersionId` is the one new projects are created from.
 */
@Entity('node_templates')
@Unique(['code'])
@Index(['kind'])
@Check(
  'ck_node_templates_kind',
  `"kind" IN ('substation', 'school', 'pipe_network', 'road', 'resettlement_housing', 'hospital', 'ecology', 'industrial_park', 'culture_tourism', 'agriculture', 'public_safety', 'elderly_care', 'other')`,
)
@Check('ck_node_templates_source', `"source" IN ('seed', 'office')`)
export class NodeTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable natural key (the seed upserts by it), e.g. 'substation'. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ProjectKind;

  @Column({ type: 'varchar', length: 16, default: 'office' })
  source: NodeTemplateSource;

  @Column({ type: 'uuid', nullable: true })
  currentVersionId: string | null;

  @ManyToOne(() => NodeTemplateVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'current_version_id' })
  currentVersion?: Relation<NodeTemplateVersion> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
