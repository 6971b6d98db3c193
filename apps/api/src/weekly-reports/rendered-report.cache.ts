import { Injectable } from '@nestjs/common';

/**
 * Rendered report bodies by ETag (content hash + format + section), least
 * recently used first out. A stored week never changes under its hash, so an
 * entry is never stale; the cache only saves re-rendering (XLSX especially)
 * and re-reading the jsonb for popular weeks such as the latest.
 */
@Injectable()
export class RenderedReportCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 128 * 1024 * 1024,
  ) {}

  get(etag: string): Buffer | undefined {
    const body = this.entries.get(etag);
    if (body) {
      this.entries.delete(etag);
      this.entries.set(etag, body);
    }
    return body;
  }

  set(etag: string, body: Buffer): void {
    if (body.length > this.maxBytes / 4) return;
    const previous = this.entries.get(etag);
    if (previous) {
      this.bytes -= previous.length;
      this.entries.delete(etag);
    }
    this.entries.set(etag, body);
    this.bytes += body.length;
    for (const [key, value] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= value.length;
    }
  }
}
