import { HttpStatus } from '@nestjs/common';
import { AppError, Errors, type ErrorCodeOf } from '../common/app-error';

/**
 * Error codes of attachments (附件):
 * - NOT_MULTIPART (400): the body is not multipart/form-data with `file` parts
 * - FILE_MISSING (400, field file), FILE_EMPTY (400, field file)
 * - FILE_TOO_LARGE (413): one file over ATTACHMENTS_MAX_FILE_BYTES
 * - REQUEST_TOO_LARGE (413): the files together over ATTACHMENTS_MAX_REQUEST_BYTES
 * - TOO_MANY_FILES (413): more than ATTACHMENTS_MAX_FILES files
 * - UNSUPPORTED_FILE_TYPE (415): the bytes are none of JPEG, PNG, HEIC, PDF, DOCX, XLSX (whatever the name says)
 * - RECORD_NOT_FOUND (404): the progress report, milestone or notice; ATTACHMENT_NOT_FOUND (404)
 * - MILESTONE_NOT_DONE (409): a milestone takes evidence once its actual date is set
 * - RECORD_WITHDRAWN (409): a withdrawn report or a removed milestone takes no evidence
 * - NOTICE_CLOSED (409): a closed (销号) notice takes no more evidence
 * - ALREADY_WITHDRAWN (409)
 * - FORBIDDEN (403): not the owner unit's editor (nor an admin), or an API key on a notice
 */
export const AttachmentErrors = {
  notMultipart: () => Errors.badRequest('NOT_MULTIPART', 'Send the files as multipart/form-data, each in a part named file'),
  missingFile: () => Errors.badRequest('FILE_MISSING', 'No file was sent (a multipart part named file)', [{ field: 'file', reason: 'at least one file is required' }]),
  emptyFile: (name: string) => Errors.badRequest('FILE_EMPTY', `The file ${name} is empty`, [{ field: 'file', reason: `${name} has no bytes` }]),
  fileTooLarge: (max: number) =>
    new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', `A file may have at most ${max} bytes (${(max / 1048576).toFixed(1)} MiB)`),
  requestTooLarge: (max: number) =>
    new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'REQUEST_TOO_LARGE', `The files of one upload may have at most ${max} bytes together (${(max / 1048576).toFixed(1)} MiB)`),
  tooManyFiles: (max: number) => new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'TOO_MANY_FILES', `At most ${max} files per upload`),
  unsupportedType: (name: string) =>
    new AppError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_FILE_TYPE',
      `${name} is not a JPEG, PNG or HEIC photo, a PDF, or a Word/Excel document (.docx, .xlsx); its type is read from its content, not its name`,
      [{ field: 'file', reason: `${name}: unsupported type` }],
    ),
  recordNotFound: (kind: string, id: string) => new AppError(HttpStatus.NOT_FOUND, 'RECORD_NOT_FOUND', `No ${kind} with id ${id}`),
  notFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'ATTACHMENT_NOT_FOUND', `No attachment with id ${id}`),
  milestoneNotDone: () =>
    Errors.conflict('MILESTONE_NOT_DONE', 'A milestone takes evidence (批复, 验收文件) once its actual date is set; set the actual date first'),
  recordWithdrawn: (what: string) => Errors.conflict('RECORD_WITHDRAWN', `This ${what} was withdrawn or removed and takes no attachments`),
  noticeClosed: () => Errors.conflict('NOTICE_CLOSED', 'This supervision notice is closed (已销号) and takes no more attachments'),
  alreadyWithdrawn: (at: Date) => Errors.conflict('ALREADY_WITHDRAWN', `This attachment was already withdrawn at ${at.toISOString()}`),
  apiKeyOnNotice: () => Errors.forbidden('API keys read project attachments only, not those of supervision notices'),
};
export type AttachmentErrorCode = ErrorCodeOf<typeof AttachmentErrors>;
