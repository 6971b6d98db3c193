import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_MEDIA_TYPES, ATTACHMENT_RECORD_TYPES, AttachmentMediaType, AttachmentRecordType } from '@app/domain';

export class AttachmentGpsDto {
  @ApiProperty({ example: 40.8 })
  latitude: number;

  @ApiProperty({ example: 111.65 })
  longitude: number;
}

export class AttachmentWithdrawalDto {
  @ApiProperty({ example: '照片拍错项目' })
  reason: string;

  @ApiProperty({ example: '2026-03-10T03:00:00.000Z' })
  withdrawnAt: string;

  @ApiProperty({ example: '住建局 王工' })
  withdrawnByName: string;
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ATTACHMENT_RECORD_TYPES, description: 'progress_report 进展填报, milestone 节点完成, supervision_notice 督办单回复' })
  recordType: AttachmentRecordType;

  @ApiProperty({ format: 'uuid' })
  recordId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a supervision notice' })
  projectId: string | null;

  @ApiProperty({ example: '主体结构封顶现场照片.jpg', description: 'The uploaded name, sanitised (no path, no control characters)' })
  fileName: string;

  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES, description: 'From the file’s bytes, not its name' })
  mediaType: AttachmentMediaType;

  @ApiProperty({ example: 2483112 })
  sizeBytes: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the file, hex' })
  sha256: string;

  @ApiProperty({ example: '2026-03-10T02:00:00.000Z', description: '上传时间' })
  uploadedAt: string;

  @ApiProperty({ example: '住建局 王工' })
  uploadedByName: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-08T01:20:30.000Z', description: '拍摄时间 (EXIF DateTimeOriginal) of a photo; null when the file has none' })
  shotAt: string | null;

  @ApiProperty({
    type: AttachmentGpsDto,
    nullable: true,
    description: 'Where the photo was taken (EXIF GPS): shown to the 督查室 and admins only (null for others and for files without it). The thumbnail never carries it.',
  })
  gps: AttachmentGpsDto | null;

  @ApiProperty({ example: '/api/v1/attachments/0b6c…/file' })
  downloadUrl: string;

  @ApiProperty({ type: String, nullable: true, example: '/api/v1/attachments/0b6c…/thumbnail', description: 'A JPEG of at most 480 px for photos; null for documents' })
  thumbnailUrl: string | null;

  @ApiProperty({ type: AttachmentWithdrawalDto, nullable: true, description: '撤回: null while the attachment stands' })
  withdrawal: AttachmentWithdrawalDto | null;
}

export class AttachmentUploadResponse {
  @ApiProperty({ type: [AttachmentResponse], description: 'Files stored by this request' })
  attached: AttachmentResponse[];

  @ApiProperty({
    type: [AttachmentResponse],
    description: 'Files this record already had (same SHA-256): not stored again, the existing attachment is returned',
  })
  alreadyAttached: AttachmentResponse[];
}
