import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-department delivery channels for reminders: 钉钉 / 企业微信 group robots and
 * e-mail addresses, with what each subscribes to (kinds, minimum escalation level).
 */
export class CreateDepartmentChannels1763700006000 implements MigrationInterface {
  name = 'CreateDepartmentChannels1763700006000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "department_channels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "department_id" uuid NOT NULL, "channel" character varying(16) NOT NULL, "label" text, "address" text NOT NULL, "secret" text, "enabled" boolean NOT NULL DEFAULT true, "min_escalation_level" smallint NOT NULL DEFAULT '0', "kinds" text array, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_department_channels_department_id_channel_address" UNIQUE ("department_id", "channel", "address"), CONSTRAINT "ck_department_channels_kinds" CHECK ("kinds" IS NULL OR "kinds" <@ ARRAY['due_soon', 'due_today', 'overdue', 'notice_reply_due', 'notice_reply_overdue']::text[]), CONSTRAINT "ck_department_channels_min_escalation_level" CHECK ("min_escalation_level" BETWEEN 0 AND 2), CONSTRAINT "ck_department_channels_secret_only_dingtalk" CHECK ("secret" IS NULL OR "channel" = 'dingtalk'), CONSTRAINT "ck_department_channels_channel" CHECK ("channel" IN ('dingtalk', 'wecom', 'email')), CONSTRAINT "pk_department_channels" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "department_channels" ADD CONSTRAINT "fk_department_channels_department_id" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "department_channels"`);
  }
}
