import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { attachmentsPath, daysBeforeUpload, formatSize, shortHash, typeLabel, uploadMessage } from './attachment-view';

describe('attachment view', () => {
  it('names the API path of each record', () => {
    expect(attachmentsPath({ type: 'progress_report', projectId: 'p', reportId: 'r' })).toBe('/api/v1/projects/p/progress-reports/r/attachments');
    expect(attachmentsPath({ type: 'milestone', milestoneId: 'm' })).toBe('/api/v1/milestones/m/attachments');
    expect(attachmentsPath({ type: 'supervision_notice', noticeId: 'n' })).toBe('/api/v1/supervision-notices/n/attachments');
  });

  it('says sizes, types and hashes as people read them', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(10 * 1024 * 1024)).toBe('10.0 MB');
    expect(typeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word 文档');
    expect(shortHash('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBe('9f86d081…b0f00a08');
  });

  it('counts the days from shot to upload', () => {
    expect(daysBeforeUpload('2026-01-15T01:30:00.000Z', '2026-03-10T02:00:00.000Z')).toBe(54);
    expect(daysBeforeUpload('2026-03-10T01:00:00.000Z', '2026-03-10T02:00:00.000Z')).toBe(0);
    expect(daysBeforeUpload(null, '2026-03-10T02:00:00.000Z')).toBeNull();
  });

  it('says upload refusals in Chinese, with the limit', () => {
    expect(uploadMessage(new ApiError(415, 'UNSUPPORTED_FILE_TYPE', 'x'))).toContain('只能上传照片');
    expect(uploadMessage(new ApiError(413, 'FILE_TOO_LARGE', 'A file may have at most 20971520 bytes (20.0 MiB)'))).toBe('文件过大（上限 20.0 MB）');
    expect(uploadMessage(new ApiError(403, 'FORBIDDEN', 'x'))).toBe('没有权限执行此操作');
  });
});
