import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline changes (节点延期): requests to move a milestone's planned date that
 * the 督查室 decides, the append-only history of every milestone date change,
 * and the one-row settings table holding the threshold (default 10 working days).
 */
export class CreateDeadlineChanges1763700003000 implements MigrationInterface {
  name = 'CreateDeadlineChanges1763700003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadline_change_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "milestone_id" uuid NOT NULL, "project_id" uuid NOT NULL, "old_date" date NOT NULL, "new_date" date NOT NULL, "working_days" integer NOT NULL, "required_because" character varying(16) NOT NULL, "threshold_working_days" integer NOT NULL, "reason" text NOT NULL, "milestone_version" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "requested_by_id" uuid NOT NULL, "requested_by_name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by_id" uuid, "decided_by_name" text, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_comment" text, CONSTRAINT "ck_deadline_change_requests_moves" CHECK ("new_date" <> "old_date"), CONSTRAINT "ck_deadline_change_requests_decided" CHECK (("status" = 'pending') = ("decided_at" IS NULL)), CONSTRAINT "ck_deadline_change_requests_required_because" CHECK ("required_because" IN ('key_milestone', 'over_threshold')), CONSTRAINT "ck_deadline_change_requests_status" CHECK ("status" IN ('pending', 'approved', 'rejected')), CONSTRAINT "pk_deadline_change_requests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_deadline_change_requests_project_id" ON "deadline_change_requests" ("project_id") `);
    await queryRunner.query(`CREATE INDEX "idx_deadline_change_requests_status_created_at" ON "deadline_change_requests" ("status", "created_at") `);
    // At most one pending request per milestone.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_deadline_change_requests_pending_milestone" ON "deadline_change_requests" ("milestone_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "deadline_change_settings" ("id" smallint NOT NULL DEFAULT '1', "max_working_days_without_approval" integer NOT NULL DEFAULT '10', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_id" uuid, "updated_by_name" text, CONSTRAINT "ck_deadline_change_settings_max_working_days" CHECK ("max_working_days_without_approval" >= 0), CONSTRAINT "ck_deadline_change_settings_single_row" CHECK ("id" = 1), CONSTRAINT "pk_deadline_change_settings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "deadline_change_settings" ("id", "max_working_days_without_approval") VALUES (1, 10)`);
    await queryRunner.query(
      `CREATE TABLE "milestone_date_changes" ("id" BIGSERIAL NOT NULL, "milestone_id" uuid NOT NULL, "field" character varying(16) NOT NULL, "old_date" date, "new_date" date, "reason" text, "requested_by_id" uuid, "requested_by_name" text NOT NULL, "decided_by_id" uuid, "decided_by_name" text, "decided_at" TIMESTAMP WITH TIME ZONE, "change_request_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_milestone_date_changes_field" CHECK ("field" IN ('planned_date', 'actual_date')), CONSTRAINT "pk_milestone_date_changes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_milestone_date_changes_milestone_id_created_at" ON "milestone_date_changes" ("milestone_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "deadline_change_requests" ADD CONSTRAINT "fk_deadline_change_requests_milestone_id" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_change_requests" ADD CONSTRAINT "fk_deadline_change_requests_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone_date_changes" ADD CONSTRAINT "fk_milestone_date_changes_milestone_id" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone_date_changes" ADD CONSTRAINT "fk_milestone_date_changes_change_request_id" FOREIGN KEY ("change_request_id") REFERENCES "deadline_change_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // History that can be rewritten is no history (rows still go with their milestone).
    await queryRunner.query(
      `CREATE TRIGGER trg_milestone_date_changes_append_only BEFORE UPDATE ON "milestone_date_changes" FOR EACH ROW EXECUTE FUNCTION kpt_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "milestone_date_changes"`);
    await queryRunner.query(`DROP TABLE "deadline_change_settings"`);
    await queryRunner.query(`DROP TABLE "deadline_change_requests"`);
  }
}
