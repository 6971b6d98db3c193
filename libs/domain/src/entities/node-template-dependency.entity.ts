import { Check, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { NodeTemplateNode } from './node-template-node.entity';

/** 前置节点: `nodeId` starts after `dependsOnNodeId` is met (both of the same version; no cycles — checked on write). */
@Entity('node_template_dependencies')
@Index(['dependsOnNodeId'])
@Check('ck_node_template_dependencies_not_self', `"node_id" <> "depends_on_node_id"`)
export class NodeTemplateDependency {
  @PrimaryColumn({ type: 'uuid' })
  nodeId: string;

  @PrimaryColumn({ type: 'uuid' })
  dependsOnNodeId: string;

  @ManyToOne(() => NodeTemplateNode, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'node_id' })
  node?: Relation<NodeTemplateNode>;

  @ManyToOne(() => NodeTemplateNode, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'depends_on_node_id' })
  dependsOnNode?: Relation<NodeTemplateNode>;
}
