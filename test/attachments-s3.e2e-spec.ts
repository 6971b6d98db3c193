import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { CreateBucketCommand, HeadBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { onePagePdf, sitePhoto } from './support/evidence-files';
import { createDepartment, createProject, createUser, signIn } from './support/factories';
import { multipart } from './support/multipart';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The S3 path of the attachment store, against a MinIO server on loopback: TEST_MINIO_URL
 * (`http://<access key>:<secret>@127.0.0.1:9000/<bucket>`), by default MinIO's own default credentials on
 * 127.0.0.1:9000. Without a server there the spec is skipped, and says so; the local-disk path
 * (attachments.e2e-spec.ts) always runs.
 */
const minio = new URL(process.env.TEST_MINIO_URL ?? 'http://minioadmin:minioadmin@127.0.0.1:9000/kpt-test-attachments');
const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(minio.hostname);
const reachable =
  loopback &&
  spawnSync(
    process.execPath,
    ['-e', `require('net').connect(${Number(minio.port || 80)}, ${JSON.stringify(minio.hostname.replace(/^\[|\]$/g, ''))}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`],
    { timeout: 3000 },
  ).status === 0;
if (!reachable) {
  console.warn(`attachments-s3: SKIPPED — no MinIO server answers on ${minio.host}${loopback ? '' : ' (not loopback: refused)'}; start one (docker compose --profile s3 up minio) or set TEST_MINIO_URL`);
}
const describeS3 = reachable ? describe : describe.skip;

describeS3('attachments on an S3-compatible store (MinIO)', () => {
  const bucket = minio.pathname.replace(/^\//, '') || 'kpt-test-attachments';
  const credentials = { accessKeyId: decodeURIComponent(minio.username), secretAccessKey: decodeURIComponent(minio.password) };
  const endpoint = `${minio.protocol}//${minio.host}`;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let client: S3Client;

  beforeAll(async () => {
    client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
    await client.send(new HeadBucketCommand({ Bucket: bucket })).catch(() => client.send(new CreateBucketCommand({ Bucket: bucket })));
    database = await createTestDatabase();
    app = await createTestApp(database, {
      ATTACHMENTS_STORAGE: 's3',
      ATTACHMENTS_S3_ENDPOINT: endpoint,
      ATTACHMENTS_S3_BUCKET: bucket,
      ATTACHMENTS_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    client?.destroy();
  });

  it('uploads to the bucket under generated keys and streams the files back', async () => {
    const ds = database.dataSource;
    const unit = await createDepartment(ds, { name: '区住建局' });
    const editor = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: unit.id })).username);
    const project = await createProject(ds, { ownerDepartmentId: unit.id });
    const report = await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports`,
      headers: editor,
      payload: { period: '2026-03', text: '桩基施工', percentComplete: '20' },
    });
    const photo = await sitePhoto();
    const pdf = onePagePdf();
    const body = multipart([
      { name: '现场.jpg', content: photo },
      { name: '批复.pdf', content: pdf },
    ]);
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports/${report.json().id}/attachments`,
      headers: { ...editor, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const [jpeg, document] = uploaded.json().attached;
    const [row] = await ds.query(`SELECT storage_key, thumbnail_key FROM attachments WHERE id = $1`, [jpeg.id]);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: row.storage_key }));
    expect(head.ContentLength).toBe(photo.length);
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: row.thumbnail_key }));
    for (const [attachment, bytes] of [[jpeg, photo], [document, pdf]] as const) {
      const file = await app.inject({ method: 'GET', url: attachment.downloadUrl, headers: editor });
      expect(file.statusCode).toBe(200);
      expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
