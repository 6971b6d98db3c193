/**
 * Where attachment files live, behind one interface: the local disk (a Docker volume) by default, any
 * S3-compatible store by configuration (ATTACHMENTS_STORAGE). Uploads arrive spooled in a local file (the type
 * check needs the end of a zip and the thumbnail the whole image), so `putFile` takes a path; downloads are
 * streams, never the whole file in memory.
 */
import type { Readable } from 'node:stream';

export abstract class AttachmentStorage {
  /** For logs and the README: 'local' or 's3'. */
  abstract readonly kind: 'local' | 's3';
  /** A directory on this machine for spooling uploads; on the same disk as the store where it can be. */
  abstract readonly spoolDirectory: string;
  /** Stores the spooled file at `path` under `key`; the spooled file is gone afterwards. */
  abstract putFile(key: string, path: string, size: number, mediaType: string): Promise<void>;
  /** Stores a small generated object (a thumbnail). */
  abstract putBuffer(key: string, body: Buffer, mediaType: string): Promise<void>;
  /** The stored bytes, streamed. */
  abstract open(key: string): Promise<Readable>;
  /** Removes an object (only ever one this request stored and then did not need). */
  abstract remove(key: string): Promise<void>;
}
