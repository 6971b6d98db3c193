import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Project } from './project.entity';

/** What an attachment is evidence for: a progress report, a milestone's completion, a supervision notice's reply. */
export const ATTACHMENT_RECORD_TYPES = ['progress_report', 'milestone', 'supervision_notice'] as const;
export type AttachmentRecordType = (typeof ATTACHMENT_RECORD_TYPES)[number];

/** The only file types the office uses, named by what their bytes say (never by the name or the client's Content-Type). */
export const ATTACHMENT_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/heic',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/**
 * 附件: a site photo (现场照片), an acceptance certificate, an approval document, a signed reply — one file attached
 * to one record. The bytes live in the attachment store under `storageKey` (a generated key, never the file's name);
 * the row keeps what was learnt from them (type, size, SHA-256, the photo's shot time and GPS position).
 * Withdrawn (撤回) attachments stay, with who, when and why; the file is kept. The same file (SHA-256) is stored
 * once per record while it stands: a partial unique index.
 */
@Entity('attachments')
@Index('ix_attachments_record', ['recordType', 'recordId', 'uploadedAt'])
@Index('ux_attachments_record_sha256', ['recordType', 'recordId', 'sha256'], { unique: true, where: '"withdrawn_at" IS NULL' })
@Check('ck_attachments_record_type', `"record_type" IN ('progress_report', 'milestone', 'supervision_notice')`)
@Check('ck_attachments_size', `"size_bytes" >= 0`)
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  recordType: AttachmentRecordType;

  /** The progress report, milestone or supervision notice. */
  @Column({ type: 'uuid' })
  recordId: string;

  /** The project of a report or milestone; null for a notice (which may name several). */
  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_attachments_project_id' })
  project?: Relation<Project>;

  /** The uploaded name, sanitised (no path, no control characters). */
  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'varchar', length: 128 })
  mediaType: AttachmentMediaType;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** A JPEG of at most 480 px without any metadata (no GPS); null for documents and undecodable images. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;

  /** EXIF DateTimeOriginal (its OffsetTimeOriginal, else Asia/Shanghai). */
  @Column({ type: 'timestamptz', nullable: true })
  shotAt: Date | null;

  /** EXIF GPS position, for the 督查室 only. */
  @Column({ type: 'double precision', nullable: true })
  gpsLatitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  gpsLongitude: number | null;

  @Column({ type: 'uuid' })
  uploadedById: string;

  @Column({ type: 'text' })
  uploadedByName: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnById: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawnByName: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason: string | null;
}
