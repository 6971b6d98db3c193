/**
 * What the attachment pieces show, computed once and tested (attachment-view.spec.ts): the record's API paths,
 * sizes in KB/MB, the gap between shot and upload time (a photo taken weeks before it was uploaded is marked),
 * the type's Chinese name, and the Chinese words for the upload errors the API reports by code.
 */
import { ApiError, chineseMessage } from '@/api/client';

export type AttachmentRecord =
  | { type: 'progress_report'; projectId: string; reportId: string }
  | { type: 'milestone'; milestoneId: string }
  | { type: 'supervision_notice'; noticeId: string };

/** Where a record's attachments are listed and uploaded. */
export function attachmentsPath(record: AttachmentRecord): string {
  switch (record.type) {
    case 'progress_report':
      return `/api/v1/projects/${record.projectId}/progress-reports/${record.reportId}/attachments`;
    case 'milestone':
      return `/api/v1/milestones/${record.milestoneId}/attachments`;
    case 'supervision_notice':
      return `/api/v1/supervision-notices/${record.noticeId}/attachments`;
  }
}

export const ACCEPTED_FILES = '.jpg,.jpeg,.png,.heic,.heif,.pdf,.docx,.xlsx,image/jpeg,image/png,image/heic,application/pdf';

const TYPE_LABELS: Record<string, string> = {
  'image/jpeg': 'JPG 照片',
  'image/png': 'PNG 图片',
  'image/heic': 'HEIC 照片',
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格',
};

export function typeLabel(mediaType: string): string {
  return TYPE_LABELS[mediaType] ?? '文件';
}

export function isImage(mediaType: string): boolean {
  return mediaType.startsWith('image/');
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whole days from shot to upload; null without a shot time. */
export function daysBeforeUpload(shotAt: string | null, uploadedAt: string): number | null {
  if (!shotAt) return null;
  const gap = Date.parse(uploadedAt) - Date.parse(shotAt);
  return Number.isNaN(gap) ? null : Math.floor(gap / 86_400_000);
}

/** A photo shot this many days or more before its upload is marked as such. */
export const OLD_PHOTO_DAYS = 7;

/** `9f86d081…0f00a08`: the SHA-256 short enough for a line; the whole value is in the title and the copy. */
export function shortHash(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256;
}

const UPLOAD_MESSAGES: Record<string, string> = {
  UNSUPPORTED_FILE_TYPE: '只能上传照片（JPG、PNG、HEIC）、PDF、Word（.docx）或 Excel（.xlsx）文件',
  FILE_TOO_LARGE: '文件过大',
  REQUEST_TOO_LARGE: '一次上传的文件总量过大，请分批上传',
  TOO_MANY_FILES: '一次上传的文件过多，请分批上传',
  FILE_EMPTY: '文件是空的',
  MILESTONE_NOT_DONE: '节点填写实际完成日期后才能上传佐证材料',
  RECORD_WITHDRAWN: '该记录已撤回，不能再上传附件',
  NOTICE_CLOSED: '督办单已销号，不能再上传附件',
  ALREADY_WITHDRAWN: '该附件已撤回',
};

export function uploadMessage(error: unknown): string {
  if (error instanceof ApiError && UPLOAD_MESSAGES[error.code]) {
    // The API says the limit in its message ("at most 20971520 bytes (20.0 MiB)"): keep the MiB figure.
    const limit = /\(([\d.]+) MiB\)/.exec(error.message)?.[1];
    return limit && (error.code === 'FILE_TOO_LARGE' || error.code === 'REQUEST_TOO_LARGE') ? `${UPLOAD_MESSAGES[error.code]}（上限 ${limit} MB）` : UPLOAD_MESSAGES[error.code];
  }
  return chineseMessage(error);
}
