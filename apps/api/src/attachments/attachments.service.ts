import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AppConfig } from '@app/config';
import { Attachment, AttachmentMediaType, AttachmentRecordType } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { actorName } from '../deadline-changes/actor-name';
import { requireUnitWrite } from '../access/access';
import { requireNoticeRead } from '../supervision-notices/notice-access';
import { AttachmentErrors } from './attachment.errors';
import { sanitiseFileName } from './attachment-file-name';
import { detectFileType } from './attachment-file-type';
import { AttachmentStorage } from './attachment-storage';
import { removeSpooled, SpooledFile, spoolUpload } from './attachment-upload';
import { AttachmentResponse, AttachmentUploadResponse } from './dto/attachment.response';
import type { ListAttachmentsQuery } from './dto/list-attachments.query';
import type { WithdrawAttachmentDto } from './dto/withdraw-attachment.dto';
import { isPhoto, makeThumbnail, readPhotoMetadata } from './photo-metadata';

const ENTITY_TYPE = 'attachment';
const RECORD_LABELS: Record<AttachmentRecordType, string> = {
  progress_report: 'progress report',
  milestone: 'milestone',
  supervision_notice: 'supervision notice',
};

/** The record an attachment belongs to, as far as access needs it. */
interface RecordScope {
  type: AttachmentRecordType;
  id: string;
  projectId: string | null;
  ownerDepartmentId: string | null;
  /** Why the record takes no new attachments now (withdrawn, not done, closed), if it does not. */
  refusal?: () => Error;
}

/** Which record a route names: a report of a project, a milestone, a notice. */
export interface RecordRef {
  type: AttachmentRecordType;
  id: string;
  /** The project in the path of a progress report's routes. */
  projectId?: string;
}

interface AnalysedFile extends SpooledFile {
  fileName: string;
  mediaType: AttachmentMediaType;
  shotAt: Date | null;
  gps: { latitude: number; longitude: number } | null;
  thumbnail: Buffer | null;
}

/**
 * 附件: evidence on progress reports, completed milestones and supervision-notice replies. Access follows the
 * record: whoever may read the project (or the notice) lists and downloads; only the owner unit's editors (and
 * admins) attach and withdraw (the rule of access/access.ts). A file is spooled, typed from its bytes,
 * measured (SHA-256, EXIF shot time and GPS, a thumbnail) before anything is stored; the same file on the same
 * record is stored once; withdrawing keeps the file and says who, when and why, with an audit row.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly storage: AttachmentStorage,
  ) {}

  async attach(principal: Principal, ref: RecordRef, request: FastifyRequest): Promise<AttachmentUploadResponse> {
    // Refuse before a byte of the body is read: who you are and what the record is decide first.
    const record = await this.findRecord(this.dataSource.manager, ref);
    this.assertMayWrite(principal, record);
    if (record.refusal) throw record.refusal();

    const spooled = await spoolUpload(request, this.storage.spoolDirectory, {
      maxFileBytes: this.config.ATTACHMENTS_MAX_FILE_BYTES,
      maxRequestBytes: this.config.ATTACHMENTS_MAX_REQUEST_BYTES,
      maxFiles: this.config.ATTACHMENTS_MAX_FILES,
    });
    const stored: string[] = [];
    try {
      const files = await this.analyse(spooled);
      // The same file twice in one request is one file.
      const firstByHash = new Map<string, AnalysedFile>();
      for (const file of files) if (!firstByHash.has(file.sha256)) firstByHash.set(file.sha256, file);
      const unique = [...firstByHash.values()];
      const present = await this.standing(this.dataSource.manager, record, unique.map((file) => file.sha256));
      const keys = new Map<string, { key: string; thumbnailKey: string | null }>();
      for (const file of unique.filter((f) => !present.has(f.sha256))) {
        const key = this.newKey();
        const thumbnailKey = file.thumbnail ? `${key}.thumb.jpg` : null;
        await this.storage.putFile(key, file.path, file.size, file.mediaType);
        stored.push(key);
        if (thumbnailKey && file.thumbnail) {
          await this.storage.putBuffer(thumbnailKey, file.thumbnail, 'image/jpeg');
          stored.push(thumbnailKey);
        }
        keys.set(file.sha256, { key, thumbnailKey });
      }

      const result = await this.dataSource.transaction(async (manager) => {
        // Uploads to one record take turns, so two at once cannot both store the same file.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`attachments:${record.type}:${record.id}`]);
        const current = await this.findRecord(manager, ref);
        this.assertMayWrite(principal, current);
        if (current.refusal) throw current.refusal();
        const standing = await this.standing(manager, record, unique.map((file) => file.sha256));
        const uploadedByName = await actorName(manager, principal);
        const attached: Attachment[] = [];
        for (const file of unique) {
          const placed = keys.get(file.sha256);
          if (standing.has(file.sha256) || !placed) continue;
          const row = {
            id: randomUUID(),
            recordType: record.type,
            recordId: record.id,
            projectId: record.projectId,
            fileName: file.fileName,
            mediaType: file.mediaType,
            sizeBytes: file.size,
            sha256: file.sha256,
            storageKey: placed.key,
            thumbnailKey: placed.thumbnailKey,
            shotAt: file.shotAt,
            gpsLatitude: file.gps?.latitude ?? null,
            gpsLongitude: file.gps?.longitude ?? null,
            uploadedById: principal.id,
            uploadedByName,
          };
          await manager.insert(Attachment, row);
          const saved = await manager.findOneByOrFail(Attachment, { id: row.id });
          await this.audit.record(manager, principal, { action: 'attach', entityType: ENTITY_TYPE, entityId: saved.id, before: null, after: saved });
          attached.push(saved);
        }
        return { attached, already: [...standing.values()] };
      });
      // Files another request stored meanwhile: ours are not needed.
      const used = new Set(result.attached.flatMap((row) => [row.storageKey, row.thumbnailKey]));
      await this.removeStored(stored.filter((key) => !used.has(key)));
      return {
        attached: result.attached.map((row) => this.toResponse(row, principal)),
        alreadyAttached: result.already.map((row) => this.toResponse(row, principal)),
      };
    } catch (error) {
      await this.removeStored(stored);
      throw error;
    } finally {
      await removeSpooled(spooled);
    }
  }

  async list(principal: Principal, ref: RecordRef, query: ListAttachmentsQuery): Promise<AttachmentResponse[]> {
    const record = await this.findRecord(this.dataSource.manager, ref);
    await this.assertMayRead(this.dataSource.manager, principal, record);
    const rows = await this.dataSource.manager.find(Attachment, {
      where: { recordType: record.type, recordId: record.id, ...(query.includeWithdrawn ? {} : { withdrawnAt: IsNull() }) },
      order: { uploadedAt: 'ASC', fileName: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => this.toResponse(row, principal));
  }

  /** The file (or its thumbnail), streamed, once the caller may read its record. */
  async open(principal: Principal, id: string, part: 'file' | 'thumbnail'): Promise<{ attachment: Attachment; stream: Readable; mediaType: string }> {
    const attachment = await this.findReadable(principal, id);
    const key = part === 'file' ? attachment.storageKey : attachment.thumbnailKey;
    if (!key) throw AttachmentErrors.notFound(id);
    try {
      const stream = await this.storage.open(key);
      return { attachment, stream, mediaType: part === 'file' ? attachment.mediaType : 'image/jpeg' };
    } catch (error) {
      this.logger.error({ err: error, attachmentId: id, key }, 'attachment file missing from the store');
      throw AttachmentErrors.notFound(id);
    }
  }

  async withdraw(principal: Principal, id: string, dto: WithdrawAttachmentDto): Promise<AttachmentResponse> {
    const row = await this.dataSource.transaction(async (manager) => {
      const attachment = await manager.findOne(Attachment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!attachment) throw AttachmentErrors.notFound(id);
      const record = await this.findRecord(manager, { type: attachment.recordType, id: attachment.recordId });
      await this.assertMayRead(manager, principal, record);
      this.assertMayWrite(principal, record);
      if (attachment.withdrawnAt) throw AttachmentErrors.alreadyWithdrawn(attachment.withdrawnAt);
      const [{ now }] = await manager.query(`SELECT now() AS now`);
      const withdrawal = { withdrawnAt: now as Date, withdrawnById: principal.id, withdrawnByName: await actorName(manager, principal), withdrawalReason: dto.reason.trim() };
      await manager.update(Attachment, { id }, withdrawal);
      const after = { ...attachment, ...withdrawal };
      await this.audit.record(manager, principal, { action: 'withdraw', entityType: ENTITY_TYPE, entityId: id, before: attachment, after });
      return manager.findOneByOrFail(Attachment, { id });
    });
    return this.toResponse(row, principal);
  }

  /** Attachments of the OC4IDS export and the weekly report are read with SQL of their own; this is the API's shape. */
  toResponse(row: Attachment, principal: Principal): AttachmentResponse {
    const seesGps = principal.kind === 'user' && (principal.role === 'admin' || principal.role === 'supervisor');
    return {
      id: row.id,
      recordType: row.recordType,
      recordId: row.recordId,
      projectId: row.projectId,
      fileName: row.fileName,
      mediaType: row.mediaType,
      sizeBytes: Number(row.sizeBytes),
      sha256: row.sha256,
      uploadedAt: row.uploadedAt.toISOString(),
      uploadedByName: row.uploadedByName,
      shotAt: row.shotAt ? row.shotAt.toISOString() : null,
      gps: seesGps && row.gpsLatitude !== null && row.gpsLongitude !== null ? { latitude: row.gpsLatitude, longitude: row.gpsLongitude } : null,
      downloadUrl: `/api/v1/attachments/${row.id}/file`,
      thumbnailUrl: row.thumbnailKey ? `/api/v1/attachments/${row.id}/thumbnail` : null,
      withdrawal:
        row.withdrawnAt && row.withdrawnByName !== null && row.withdrawalReason !== null
          ? { reason: row.withdrawalReason, withdrawnAt: row.withdrawnAt.toISOString(), withdrawnByName: row.withdrawnByName }
          : null,
    };
  }

  private async findReadable(principal: Principal, id: string): Promise<Attachment> {
    const manager = this.dataSource.manager;
    const attachment = await manager.findOneBy(Attachment, { id });
    if (!attachment) throw AttachmentErrors.notFound(id);
    const record = await this.findRecord(manager, { type: attachment.recordType, id: attachment.recordId });
    await this.assertMayRead(manager, principal, record);
    return attachment;
  }

  /** Every role reads every project (README, "Who may do what"), API keys by scope (checked by the route); a notice's evidence as the notice. */
  private async assertMayRead(manager: EntityManager, principal: Principal, record: RecordScope): Promise<void> {
    if (record.type !== 'supervision_notice') return;
    if (principal.kind !== 'user') throw AttachmentErrors.apiKeyOnNotice();
    await requireNoticeRead(manager, principal, { id: record.id, ownerDepartmentId: record.ownerDepartmentId! });
  }

  private assertMayWrite(principal: Principal, record: RecordScope): void {
    requireUnitWrite(principal, record.ownerDepartmentId);
  }

  private async findRecord(manager: EntityManager, ref: RecordRef): Promise<RecordScope> {
    const notFound = () => AttachmentErrors.recordNotFound(RECORD_LABELS[ref.type], ref.id);
    if (ref.type === 'progress_report') {
      const [row] = await manager.query(
        `SELECT r.project_id, p.owner_department_id, (w.report_id IS NOT NULL) AS withdrawn
           FROM progress_reports r JOIN projects p ON p.id = r.project_id
           LEFT JOIN progress_report_withdrawals w ON w.report_id = r.id
          WHERE r.id = $1`,
        [ref.id],
      );
      if (!row || (ref.projectId !== undefined && row.project_id !== ref.projectId)) throw notFound();
      return {
        type: ref.type,
        id: ref.id,
        projectId: row.project_id,
        ownerDepartmentId: row.owner_department_id,
        refusal: row.withdrawn ? () => AttachmentErrors.recordWithdrawn('progress report') : undefined,
      };
    }
    if (ref.type === 'milestone') {
      const [row] = await manager.query(
        `SELECT m.project_id, m.actual_date, m.status, p.owner_department_id FROM milestones m JOIN projects p ON p.id = m.project_id WHERE m.id = $1`,
        [ref.id],
      );
      if (!row) throw notFound();
      const refusal =
        row.status === 'removed' ? () => AttachmentErrors.recordWithdrawn('milestone') : row.actual_date === null ? () => AttachmentErrors.milestoneNotDone() : undefined;
      return { type: ref.type, id: ref.id, projectId: row.project_id, ownerDepartmentId: row.owner_department_id, refusal };
    }
    const [row] = await manager.query(`SELECT owner_department_id, status FROM supervision_notices WHERE id = $1`, [ref.id]);
    if (!row) throw notFound();
    return {
      type: ref.type,
      id: ref.id,
      projectId: null,
      ownerDepartmentId: row.owner_department_id,
      refusal: row.status === 'closed' ? () => AttachmentErrors.noticeClosed() : undefined,
    };
  }

  /** The standing (not withdrawn) attachments of the record among these hashes, by hash. */
  private async standing(manager: EntityManager, record: RecordScope, hashes: string[]): Promise<Map<string, Attachment>> {
    if (hashes.length === 0) return new Map();
    const rows = await manager.find(Attachment, { where: { recordType: record.type, recordId: record.id, sha256: In(hashes), withdrawnAt: IsNull() } });
    return new Map(rows.map((row) => [row.sha256, row]));
  }

  /** Types every file from its bytes (one refused file refuses the request: 415), then reads what photos tell. */
  private async analyse(files: SpooledFile[]): Promise<AnalysedFile[]> {
    const typed = await Promise.all(files.map(async (file) => ({ file, mediaType: await detectFileType(file.path, file.head, file.size) })));
    const refused = typed.find((entry) => entry.mediaType === undefined);
    if (refused) throw AttachmentErrors.unsupportedType(sanitiseFileName(refused.file.clientName, 'application/pdf'));
    const analysed: AnalysedFile[] = [];
    // One at a time: decoding photos is the heavy part, and twenty uploads at once must not multiply it.
    for (const { file, mediaType } of typed as Array<{ file: SpooledFile; mediaType: AttachmentMediaType }>) {
      const photo = isPhoto(mediaType);
      const metadata = photo ? await readPhotoMetadata(file.path) : { shotAt: null, gps: null };
      analysed.push({ ...file, fileName: sanitiseFileName(file.clientName, mediaType), mediaType, ...metadata, thumbnail: photo ? await makeThumbnail(file.path) : null });
    }
    return analysed;
  }

  /** `<yyyy>/<mm>/<uuid>`: generated, never derived from the file's name. */
  private newKey(): string {
    const now = new Date();
    return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
  }

  private async removeStored(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.remove(key).catch((error) => this.logger.warn({ err: error, key }, 'could not remove an unused attachment object'));
    }
  }
}

