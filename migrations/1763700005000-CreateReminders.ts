import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder pipeline (催办): the admin-editable rules (one row, seeded with
 * the defaults), one row per reminder occurrence and recipient (its id is the
 * deterministic identity that is also the BullMQ jobId), the in-app inbox, and
 * the lead official's user account on projects (escalation E1 reaches them).
 */
export class CreateReminders1763700005000 implements MigrationInterface {
  name = 'CreateReminders1763700005000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reminder_rules" ("id" smallint NOT NULL DEFAULT '1', "due_soon_offsets" integer array NOT NULL DEFAULT '{5,3,1}', "on_due_day" boolean NOT NULL DEFAULT true, "overdue_repeat_every" integer NOT NULL DEFAULT '3', "escalate_lead_after" integer NOT NULL DEFAULT '5', "escalate_supervisor_after" integer NOT NULL DEFAULT '10', "send_at" character varying(5) NOT NULL DEFAULT '08:30', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_reminder_rules_escalation_order" CHECK ("escalate_lead_after" >= 1 AND "escalate_supervisor_after" >= "escalate_lead_after"), CONSTRAINT "ck_reminder_rules_overdue_repeat_every" CHECK ("overdue_repeat_every" >= 1), CONSTRAINT "ck_reminder_rules_send_at" CHECK ("send_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'), CONSTRAINT "ck_reminder_rules_single_row" CHECK ("id" = 1), CONSTRAINT "pk_reminder_rules" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "reminder_rules" ("id") VALUES (1)`);

    await queryRunner.query(
      `CREATE TABLE "reminders" ("id" character varying(200) NOT NULL, "project_id" uuid NOT NULL, "milestone_id" uuid, "rule" character varying(32) NOT NULL, "kind" character varying(32) NOT NULL, "occurrence_date" date NOT NULL, "planned_date" date, "working_days_late" integer NOT NULL DEFAULT '0', "escalation_level" smallint NOT NULL DEFAULT '0', "channel" character varying(16) NOT NULL, "recipient_key" character varying(80) NOT NULL, "recipient_user_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'queued', "reason" character varying(64), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_reminders_escalation_level" CHECK ("escalation_level" BETWEEN 0 AND 2), CONSTRAINT "ck_reminders_kind" CHECK ("kind" IN ('due_soon', 'due_today', 'overdue', 'notice_reply_due', 'notice_reply_overdue')), CONSTRAINT "ck_reminders_channel" CHECK ("channel" IN ('inbox', 'dingtalk', 'wecom', 'email')), CONSTRAINT "ck_reminders_status" CHECK ("status" IN ('queued', 'sent', 'failed', 'cancelled', 'skipped')), CONSTRAINT "pk_reminders" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_reminders_occurrence_date_status" ON "reminders" ("occurrence_date", "status")`);
    await queryRunner.query(`CREATE INDEX "idx_reminders_milestone_id_status" ON "reminders" ("milestone_id", "status")`);

    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "reminder_id" character varying(200), "kind" character varying(32) NOT NULL, "escalation_level" smallint NOT NULL DEFAULT '0', "title" text NOT NULL, "body" text NOT NULL, "link" text, "project_id" uuid, "milestone_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_notifications_reminder_id_user_id" UNIQUE ("reminder_id", "user_id"), CONSTRAINT "pk_notifications" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_notifications_unread_by_user" ON "notifications" ("user_id") WHERE "read_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_notifications_user_id_created_at" ON "notifications" ("user_id", "created_at")`);

    await queryRunner.query(`ALTER TABLE "projects" ADD "lead_official_user_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_lead_official_user_id" FOREIGN KEY ("lead_official_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "fk_reminders_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "fk_reminders_milestone_id" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "fk_reminders_recipient_user_id" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_reminder_id" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_lead_official_user_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "lead_official_user_id"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP TABLE "reminder_rules"`);
  }
}
