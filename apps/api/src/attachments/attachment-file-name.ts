/**
 * Names of uploaded files: what is kept (the last path segment, without control or bidi-override characters,
 * at most 200 characters) and how a download names it again (Content-Disposition with an ASCII fallback and
 * RFC 5987's filename* for the real, often Chinese, name).
 */
import type { AttachmentMediaType } from '@app/domain';
import { EXTENSION_OF } from './attachment-file-type';

const MAX_NAME_LENGTH = 200;

export function sanitiseFileName(raw: string | undefined, mediaType: AttachmentMediaType): string {
  const lastSegment = (raw ?? '').split(/[\\/]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    // C0/C1 controls, and the bidirectional overrides that make 'exe.pdf' look like 'fdp.exe'.
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/["<>|?*:]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
  }
  if (!name) name = `附件${EXTENSION_OF[mediaType]}`;
  return name;
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
