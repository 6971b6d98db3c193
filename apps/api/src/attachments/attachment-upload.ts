/**
 * Reads an attachment upload (multipart/form-data, one or more `file` parts) straight to spool files: each part
 * is streamed to disk through a SHA-256 hash, its first bytes kept for the type check, its size counted against
 * the per-file and per-request limits while it arrives. Nothing is held in memory but a few KiB per file.
 * A refused request (413, 400) leaves no spool file behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AttachmentErrors } from './attachment.errors';

/** Enough for every magic number we read, the ftyp box of a HEIC included. */
const HEAD_BYTES = 64;

export interface SpooledFile {
  path: string;
  /** The name the client sent (not yet sanitised). */
  clientName: string;
  size: number;
  sha256: string;
  head: Buffer;
}

export interface UploadLimits {
  maxFileBytes: number;
  maxRequestBytes: number;
  maxFiles: number;
}

class RequestTooLarge extends Error {}

/** Hashes, counts and keeps the head of what passes through; fails once the request's budget is spent. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  head = Buffer.alloc(0);

  constructor(private readonly budget: { left: number }) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.budget.left -= chunk.length;
    if (this.budget.left < 0) return callback(new RequestTooLarge());
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    callback(null, chunk);
  }
}

export async function removeSpooled(files: ReadonlyArray<{ path: string }>): Promise<void> {
  await Promise.all(files.map((file) => rm(file.path, { force: true })));
}

export async function spoolUpload(request: FastifyRequest, spoolDirectory: string, limits: UploadLimits): Promise<SpooledFile[]> {
  if (!request.isMultipart()) throw AttachmentErrors.notMultipart();
  await mkdir(spoolDirectory, { recursive: true });
  const files: SpooledFile[] = [];
  const budget = { left: limits.maxRequestBytes };
  let current: string | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 5, fieldSize: 1024, parts: limits.maxFiles + 5 } });
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' && part.fieldname !== 'files') {
        part.file.resume();
        continue;
      }
      current = join(spoolDirectory, `${randomUUID()}.part`);
      const meter = new Meter(budget);
      await pipeline(part.file, meter, createWriteStream(current));
      // With throwFileSizeLimit the stream errors; check anyway, a truncated file is never kept.
      if (part.file.truncated) throw AttachmentErrors.fileTooLarge(limits.maxFileBytes);
      if (meter.size === 0) throw AttachmentErrors.emptyFile(part.filename);
      files.push({ path: current, clientName: part.filename, size: meter.size, sha256: meter.hash.digest('hex'), head: meter.head });
      current = undefined;
    }
  } catch (error) {
    await removeSpooled([...files, ...(current ? [{ path: current }] : [])]);
    if (error instanceof RequestTooLarge) throw AttachmentErrors.requestTooLarge(limits.maxRequestBytes);
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw AttachmentErrors.fileTooLarge(limits.maxFileBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw AttachmentErrors.tooManyFiles(limits.maxFiles);
    if (code?.startsWith('FST_')) throw AttachmentErrors.notMultipart();
    throw error;
  }
  if (files.length === 0) throw AttachmentErrors.missingFile();
  return files;
}
