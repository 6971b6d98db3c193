import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { LocalAttachmentStorage } from './local-attachment-storage';

/** The store ATTACHMENTS_STORAGE names: the local directory, or an S3-compatible bucket. */
export function attachmentStorageFor(config: AppConfig): AttachmentStorage {
  // The AWS SDK is loaded only when it is used.
  const storage =
    config.ATTACHMENTS_STORAGE === 's3'
      ? new (require('./s3-attachment-storage') as typeof import('./s3-attachment-storage')).S3AttachmentStorage(config)
      : new LocalAttachmentStorage(config.ATTACHMENTS_DIR);
  new Logger('Attachments').log(`attachment store: ${storage.kind}${storage instanceof LocalAttachmentStorage ? ` (${storage.root})` : ` (bucket ${config.ATTACHMENTS_S3_BUCKET})`}`);
  return storage;
}

/** 附件: site photos and documents on progress reports, milestones and notice replies. */
@Module({
  controllers: [AttachmentsController],
  providers: [AttachmentsService, { provide: AttachmentStorage, useFactory: attachmentStorageFor, inject: [AppConfig] }],
  exports: [AttachmentStorage],
})
export class AttachmentsModule {}
