import { MigrationInterface, QueryRunner } from 'typeorm';

/** 附件: site photos and documents on progress reports, completed milestones and supervision-notice replies. */
export class CreateAttachments1764000008000 implements MigrationInterface {
  name = 'CreateAttachments1764000008000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "record_type" character varying(32) NOT NULL, "record_id" uuid NOT NULL, "project_id" uuid, "file_name" text NOT NULL, "media_type" character varying(128) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "thumbnail_key" character varying(200), "shot_at" TIMESTAMP WITH TIME ZONE, "gps_latitude" double precision, "gps_longitude" double precision, "uploaded_by_id" uuid NOT NULL, "uploaded_by_name" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by_id" uuid, "withdrawn_by_name" text, "withdrawal_reason" text, CONSTRAINT "ck_attachments_record_type" CHECK ("record_type" IN ('progress_report', 'milestone', 'supervision_notice')), CONSTRAINT "ck_attachments_size" CHECK ("size_bytes" >= 0), CONSTRAINT "pk_attachments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_attachments_record" ON "attachments" ("record_type", "record_id", "uploaded_at") `);
    // The same file is stored once per record while it stands (a withdrawn one may be attached again).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_attachments_record_sha256" ON "attachments" ("record_type", "record_id", "sha256") WHERE "withdrawn_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "fk_attachments_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "attachments"`);
  }
}
