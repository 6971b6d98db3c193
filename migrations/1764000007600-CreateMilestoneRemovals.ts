import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 删除节点: a milestone added by mistake is removed softly — status 'removed',
 * the who and why in milestone_removals (never changed) — and a key milestone's
 * removal is a deadline-change request of kind 'removal' for the 督查室.
 */
export class CreateMilestoneRemovals1764000007600 implements MigrationInterface {
  name = 'CreateMilestoneRemovals1764000007600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "ck_milestones_status"`);
    await queryRunner.query(`ALTER TABLE "milestones" ADD CONSTRAINT "ck_milestones_status" CHECK ("status" IN ('pending', 'done', 'cancelled', 'removed'))`);
    await queryRunner.query(
      `CREATE TABLE "milestone_removals" ("milestone_id" uuid NOT NULL, "reason" text NOT NULL, "status_before" character varying(16) NOT NULL, "removed_by_id" uuid NOT NULL, "removed_by_name" text NOT NULL, "change_request_id" uuid, "removed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_milestone_removals" PRIMARY KEY ("milestone_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone_removals" ADD CONSTRAINT "fk_milestone_removals_milestone_id" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_milestone_removals_append_only BEFORE UPDATE ON "milestone_removals" FOR EACH ROW EXECUTE FUNCTION kpt_refuse_change()`,
    );

    await queryRunner.query(`ALTER TABLE "deadline_change_requests" ADD "kind" character varying(16) NOT NULL DEFAULT 'reschedule'`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" ALTER COLUMN "new_date" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" DROP CONSTRAINT "ck_deadline_change_requests_moves"`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" ADD CONSTRAINT "ck_deadline_change_requests_moves" CHECK ("kind" = 'removal' OR "new_date" <> "old_date")`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" ADD CONSTRAINT "ck_deadline_change_requests_kind" CHECK ("kind" IN ('reschedule', 'removal'))`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" ADD CONSTRAINT "ck_deadline_change_requests_new_date" CHECK (("kind" = 'removal') = ("new_date" IS NULL))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "deadline_change_requests" WHERE "kind" = 'removal'`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" DROP CONSTRAINT "ck_deadline_change_requests_new_date"`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" DROP CONSTRAINT "ck_deadline_change_requests_kind"`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" DROP CONSTRAINT "ck_deadline_change_requests_moves"`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" ADD CONSTRAINT "ck_deadline_change_requests_moves" CHECK ("new_date" <> "old_date")`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" ALTER COLUMN "new_date" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "deadline_change_requests" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP TABLE "milestone_removals"`);
    await queryRunner.query(`UPDATE "milestones" SET "status" = 'cancelled' WHERE "status" = 'removed'`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "ck_milestones_status"`);
    await queryRunner.query(`ALTER TABLE "milestones" ADD CONSTRAINT "ck_milestones_status" CHECK ("status" IN ('pending', 'done', 'cancelled'))`);
  }
}
