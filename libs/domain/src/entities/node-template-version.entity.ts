import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { NodeTemplate } from './node-template.entity';

/** One version of a template: its nodes and dependencies, never changed once written (an edit is a new version). */
@Entity('node_template_versions')
@Unique(['templateId', 'number'])
@Check('ck_node_template_versions_number', `"number" >= 1`)
export class NodeTemplateVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne(() => NodeTemplate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<NodeTemplate>;

  /** 1, 2, 3 … per template. */
  @Column({ type: 'int' })
  number: number;

  /** The version the seeds ship (系统默认): an office's own versions are false. */
  @Column({ type: 'boolean', default: false })
  isSeedDefault: boolean;

  /** 修订说明 */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'text' })
  createdByName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
