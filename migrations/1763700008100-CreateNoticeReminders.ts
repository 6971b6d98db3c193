import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 督办单催办: reminders about supervision notices' replies (due tomorrow, late),
 * one row per occurrence and recipient, keyed by the deterministic identity that
 * is also the BullMQ jobId. `reminders` serves milestones and has no column for
 * a notice, hence a table of its own with the same exactly-once pattern.
 */
export class CreateNoticeReminders1763700008100 implements MigrationInterface {
  name = 'CreateNoticeReminders1763700008100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notice_reminders" ("id" character varying(200) NOT NULL, "notice_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "occurrence_date" date NOT NULL, "reply_due_date" date NOT NULL, "working_days_late" integer NOT NULL DEFAULT '0', "escalation_level" smallint NOT NULL DEFAULT '0', "channel" character varying(16) NOT NULL, "recipient_key" character varying(80) NOT NULL, "recipient_user_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'queued', "reason" character varying(64), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notice_reminders_escalation_level" CHECK ("escalation_level" BETWEEN 0 AND 2), CONSTRAINT "ck_notice_reminders_channel" CHECK ("channel" IN ('inbox', 'dingtalk', 'wecom', 'email')), CONSTRAINT "ck_notice_reminders_status" CHECK ("status" IN ('queued', 'sent', 'failed', 'cancelled', 'skipped')), CONSTRAINT "ck_notice_reminders_kind" CHECK ("kind" IN ('notice_reply_due', 'notice_reply_overdue')), CONSTRAINT "pk_notice_reminders" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_notice_reminders_occurrence_date_status" ON "notice_reminders" ("occurrence_date", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_notice_reminders_notice_id_status" ON "notice_reminders" ("notice_id", "status") `);
    await queryRunner.query(
      `ALTER TABLE "notice_reminders" ADD CONSTRAINT "fk_notice_reminders_notice_id" FOREIGN KEY ("notice_id") REFERENCES "supervision_notices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_reminders" ADD CONSTRAINT "fk_notice_reminders_recipient_user_id" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notice_reminders"`);
  }
}
