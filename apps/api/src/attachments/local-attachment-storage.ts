/** The default attachment store: files under ATTACHMENTS_DIR (compose mounts the `attachments` volume there). */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AttachmentStorage } from './attachment-storage';

/** Keys are generated (`<yyyy>/<mm>/<uuid>…`); anything else never reaches the disk. */
const KEY_PATTERN = /^[0-9]{4}\/[0-9]{2}\/[0-9a-f-]{36}(\.thumb\.jpg)?$/;

export class LocalAttachmentStorage extends AttachmentStorage {
  readonly kind = 'local' as const;
  readonly root: string;
  readonly spoolDirectory: string;

  constructor(directory: string) {
    super();
    this.root = resolve(directory);
    // Spooled in the store's own directory, so storing is a rename on the same disk.
    this.spoolDirectory = join(this.root, '.incoming');
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`not an attachment key: ${key}`);
    return join(this.root, key);
  }

  async putFile(key: string, path: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(path, target);
  }

  async putBuffer(key: string, body: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, body);
  }

  async open(key: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(key));
    // Surface a missing file here (→ 404 by the caller) rather than mid-response.
    await new Promise<void>((resolveOpen, rejectOpen) => {
      stream.once('open', () => resolveOpen());
      stream.once('error', rejectOpen);
    });
    return stream;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
