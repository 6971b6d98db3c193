/**
 * Attachments in any S3-compatible store (MinIO, Aliyun OSS, Tencent COS) through the AWS SDK v3: uploads go
 * through lib-storage's Upload, which sends a large file in parts from a stream (never whole in memory), and
 * downloads stream the object's body.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { AppConfig } from '@app/config';
import { AttachmentStorage } from './attachment-storage';

export class S3AttachmentStorage extends AttachmentStorage {
  readonly kind = 's3' as const;
  readonly spoolDirectory = join(tmpdir(), 'kpt-attachments');
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: Pick<AppConfig, 'ATTACHMENTS_S3_ENDPOINT' | 'ATTACHMENTS_S3_REGION' | 'ATTACHMENTS_S3_BUCKET' | 'ATTACHMENTS_S3_ACCESS_KEY_ID' | 'ATTACHMENTS_S3_SECRET_ACCESS_KEY' | 'ATTACHMENTS_S3_FORCE_PATH_STYLE'>) {
    super();
    this.bucket = config.ATTACHMENTS_S3_BUCKET;
    this.client = new S3Client({
      region: config.ATTACHMENTS_S3_REGION,
      endpoint: config.ATTACHMENTS_S3_ENDPOINT || undefined,
      forcePathStyle: config.ATTACHMENTS_S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: config.ATTACHMENTS_S3_ACCESS_KEY_ID, secretAccessKey: config.ATTACHMENTS_S3_SECRET_ACCESS_KEY },
    });
  }

  async putFile(key: string, path: string, size: number, mediaType: string): Promise<void> {
    try {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: key, Body: createReadStream(path), ContentType: mediaType, ContentLength: size },
        queueSize: 2,
        partSize: 8 * 1024 * 1024,
      });
      await upload.done();
    } finally {
      await rm(path, { force: true });
    }
  }

  async putBuffer(key: string, body: Buffer, mediaType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: mediaType }));
  }

  async open(key: string): Promise<Readable> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return object.Body as Readable;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
