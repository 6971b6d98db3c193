import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 问题台账催办升级 (the climb) on the reminder delivery core: problem_reminders with the core's columns, the step,
 * the last move it was planned for and (step 1's robots) the coordinating department. Each step also leaves one
 * 'escalated' event in the problem's history: a unique index over (problem, step, last move) keeps it once however
 * often the scan runs.
 */
export class CreateProblemReminders1764000010010 implements MigrationInterface {
  name = 'CreateProblemReminders1764000010010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "problem_reminders" ("id" character varying(200) NOT NULL, "occurrence_date" date NOT NULL, "working_days_late" integer NOT NULL DEFAULT '0', "escalation_level" smallint NOT NULL DEFAULT '0', "channel" character varying(16) NOT NULL, "recipient_key" character varying(80) NOT NULL, "recipient_user_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'queued', "reason" character varying(64), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "problem_id" uuid NOT NULL, "kind" character varying(32) NOT NULL DEFAULT 'problem_escalation', "step" smallint NOT NULL, "moved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "department_id" uuid, CONSTRAINT "ck_problem_reminders_step" CHECK ("step" BETWEEN 1 AND 3), CONSTRAINT "ck_problem_reminders_escalation_level" CHECK ("escalation_level" BETWEEN 0 AND 2), CONSTRAINT "ck_problem_reminders_channel" CHECK ("channel" IN ('inbox', 'dingtalk', 'wecom', 'email')), CONSTRAINT "ck_problem_reminders_status" CHECK ("status" IN ('queued', 'sent', 'failed', 'cancelled', 'skipped')), CONSTRAINT "ck_problem_reminders_kind" CHECK ("kind" IN ('problem_escalation')), CONSTRAINT "pk_problem_reminders" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_problem_reminders_recipient_attempted" ON "problem_reminders" ("recipient_key", "updated_at") WHERE "attempts" > 0`,
    );
    await queryRunner.query(`CREATE INDEX "idx_problem_reminders_occurrence_date_status" ON "problem_reminders" ("occurrence_date", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_problem_reminders_problem_id_status" ON "problem_reminders" ("problem_id", "status") `);
    await queryRunner.query(
      `ALTER TABLE "problem_reminders" ADD CONSTRAINT "fk_problem_reminders_recipient_user_id" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem_reminders" ADD CONSTRAINT "fk_problem_reminders_problem_id" FOREIGN KEY ("problem_id") REFERENCES "coordination_problems"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_coordination_problem_events_escalation" ON "coordination_problem_events" ("problem_id", ((payload->>'step')), ((payload->>'movedAt'))) WHERE "type" = 'escalated'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_coordination_problem_events_escalation"`);
    await queryRunner.query(`DROP TABLE "problem_reminders"`);
  }
}
