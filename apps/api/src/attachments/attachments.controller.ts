import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_MEDIA_TYPES } from '@app/domain';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { contentDisposition } from './attachment-file-name';
import { AttachmentsService, RecordRef } from './attachments.service';
import { AttachmentResponse, AttachmentUploadResponse } from './dto/attachment.response';
import { ListAttachmentsQuery } from './dto/list-attachments.query';
import { WithdrawAttachmentDto } from './dto/withdraw-attachment.dto';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'array',
        items: { type: 'string', format: 'binary' },
        description: 'One or more files, each a part named file: JPEG, PNG, HEIC, PDF, DOCX, XLSX (typed from their bytes)',
      },
    },
  },
};
const UPLOAD_DESCRIPTION =
  'multipart/form-data, one part named file per file. The type is read from the bytes (JPEG, PNG, HEIC, PDF, DOCX, XLSX; anything else → 415 and nothing is stored); ' +
  'ATTACHMENTS_MAX_FILE_BYTES per file and ATTACHMENTS_MAX_REQUEST_BYTES per request → 413. The same file (SHA-256) already on the record is not stored again ' +
  '(alreadyAttached). Photos get a thumbnail without metadata; their EXIF shot time and GPS position are kept. Only the owner unit’s editors and admins attach.';

/** 附件: evidence on progress reports, completed milestones and supervision-notice replies; download and withdraw. */
@ApiTags('attachments')
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('projects/:projectId/progress-reports/:reportId/attachments')
  @AllowRoles('admin', 'department_editor')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiDoc({ summary: 'Attach site photos or documents to a progress report (进展填报)', description: UPLOAD_DESCRIPTION, type: AttachmentUploadResponse, status: 201, errors: [409, 413, 415] })
  attachToReport(
    @CurrentPrincipal() principal: Principal,
    @Param('projectId', UuidParam('projectId')) projectId: string,
    @Param('reportId', UuidParam('reportId')) reportId: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentUploadResponse> {
    return this.attachments.attach(principal, { type: 'progress_report', id: reportId, projectId }, request);
  }

  @Get('projects/:projectId/progress-reports/:reportId/attachments')
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'Attachments of a progress report, oldest first (withdrawn ones with includeWithdrawn=true)', type: [AttachmentResponse], errors: [400, 404] })
  listOfReport(
    @CurrentPrincipal() principal: Principal,
    @Param('projectId', UuidParam('projectId')) projectId: string,
    @Param('reportId', UuidParam('reportId')) reportId: string,
    @Query() query: ListAttachmentsQuery,
  ): Promise<AttachmentResponse[]> {
    return this.attachments.list(principal, { type: 'progress_report', id: reportId, projectId }, query);
  }

  @Post('milestones/:milestoneId/attachments')
  @AllowRoles('admin', 'department_editor')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiDoc({
    summary: 'Attach evidence of a milestone’s completion (批复, 验收文件, 现场照片); the milestone needs its actual date',
    description: UPLOAD_DESCRIPTION,
    type: AttachmentUploadResponse,
    status: 201,
    errors: [409, 413, 415],
  })
  attachToMilestone(
    @CurrentPrincipal() principal: Principal,
    @Param('milestoneId', UuidParam('milestoneId')) milestoneId: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentUploadResponse> {
    return this.attachments.attach(principal, { type: 'milestone', id: milestoneId }, request);
  }

  @Get('milestones/:milestoneId/attachments')
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'Attachments of a milestone, oldest first', type: [AttachmentResponse], errors: [400, 404] })
  listOfMilestone(
    @CurrentPrincipal() principal: Principal,
    @Param('milestoneId', UuidParam('milestoneId')) milestoneId: string,
    @Query() query: ListAttachmentsQuery,
  ): Promise<AttachmentResponse[]> {
    return this.attachments.list(principal, { type: 'milestone', id: milestoneId }, query);
  }

  @Post('supervision-notices/:noticeId/attachments')
  @AllowRoles('admin', 'department_editor')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiDoc({ summary: 'Attach evidence to the reply of a supervision notice (督办单回复: the signed reply, photos); not once closed', description: UPLOAD_DESCRIPTION, type: AttachmentUploadResponse, status: 201, errors: [409, 413, 415] })
  attachToNotice(
    @CurrentPrincipal() principal: Principal,
    @Param('noticeId', UuidParam('noticeId')) noticeId: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentUploadResponse> {
    return this.attachments.attach(principal, { type: 'supervision_notice', id: noticeId }, request);
  }

  @Get('supervision-notices/:noticeId/attachments')
  @ApiDoc({ summary: 'Attachments of a supervision notice’s reply (who may see the notice)', type: [AttachmentResponse], errors: [400, 404] })
  listOfNotice(
    @CurrentPrincipal() principal: Principal,
    @Param('noticeId', UuidParam('noticeId')) noticeId: string,
    @Query() query: ListAttachmentsQuery,
  ): Promise<AttachmentResponse[]> {
    return this.attachments.list(principal, { type: 'supervision_notice', id: noticeId } satisfies RecordRef, query);
  }

  @Get('attachments/:id/file')
  @AllowApiKey('projects:read')
  @ApiDoc({
    summary: 'Download an attachment (streamed; Content-Disposition: attachment with the original name, RFC 5987)',
    description: 'Whoever may read the project (or see the notice) may download; API keys with projects:read download project attachments.',
    binary: [...ATTACHMENT_MEDIA_TYPES],
    errors: [404],
  })
  async download(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { attachment, stream, mediaType } = await this.attachments.open(principal, id, 'file');
    await reply
      .header('content-type', mediaType)
      .header('content-length', String(attachment.sizeBytes))
      .header('content-disposition', contentDisposition(attachment.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-cache')
      .send(stream);
  }

  @Get('attachments/:id/thumbnail')
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'A photo’s thumbnail (JPEG, at most 480 px, no metadata: no GPS)', binary: ['image/jpeg'], errors: [404] })
  async thumbnail(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { stream } = await this.attachments.open(principal, id, 'thumbnail');
    await reply
      .header('content-type', 'image/jpeg')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=86400')
      .send(stream);
  }

  @Post('attachments/:id/withdraw')
  @HttpCode(200)
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({
    summary: 'Withdraw an attachment (撤回) with a reason: the file is kept, the list hides it (includeWithdrawn=true shows it), the audit trail records it',
    type: AttachmentResponse,
    errors: [404, 409],
  })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string, @Body() dto: WithdrawAttachmentDto): Promise<AttachmentResponse> {
    return this.attachments.withdraw(principal, id, dto);
  }
}
