import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  name: string;
  content: Buffer;
  /** What the client claims; the API ignores it and reads the bytes. */
  contentType?: string;
  field?: string;
}

/** A multipart/form-data body of files, for app.inject() and plain HTTP clients. */
export function multipart(files: MultipartFile[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kpt${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const payload = Buffer.concat(chunks);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(payload.length) } };
}
