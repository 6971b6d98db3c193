import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 红黄绿灯 thresholds (one editable row with the defaults N = 5, M = 10, P = 15)
 * and the 周报 snapshots. A stored week is immutable: the trigger refuses
 * deletes and any update that does not raise `revision` by one (the admin's
 * explicit rebuild), so nothing rewrites a past week's numbers silently.
 */
export class CreateWarningLightRulesAndWeeklyReports1763700007000 implements MigrationInterface {
  name = 'CreateWarningLightRulesAndWeeklyReports1763700007000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "warning_light_rules" ("id" smallint NOT NULL, "due_soon_working_days" integer NOT NULL DEFAULT '5', "baseline_slip_working_days" integer NOT NULL DEFAULT '10', "progress_lag_points" integer NOT NULL DEFAULT '15', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_name" text, CONSTRAINT "ck_warning_light_rules_progress_lag" CHECK ("progress_lag_points" >= 0 AND "progress_lag_points" <= 100), CONSTRAINT "ck_warning_light_rules_baseline_slip" CHECK ("baseline_slip_working_days" >= 0 AND "baseline_slip_working_days" <= 250), CONSTRAINT "ck_warning_light_rules_due_soon" CHECK ("due_soon_working_days" >= 0 AND "due_soon_working_days" <= 60), CONSTRAINT "ck_warning_light_rules_single_row" CHECK ("id" = 1), CONSTRAINT "pk_warning_light_rules" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "warning_light_rules" ("id") VALUES (1)`);

    await queryRunner.query(
      `CREATE TABLE "weekly_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "iso_week" character varying(8) NOT NULL, "week_start" date NOT NULL, "week_end" date NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL, "content" jsonb NOT NULL, "content_hash" character(64) NOT NULL, "revision" integer NOT NULL DEFAULT '1', "build_source" character varying(16) NOT NULL, "built_by" text NOT NULL, CONSTRAINT "uq_weekly_reports_iso_week" UNIQUE ("iso_week"), CONSTRAINT "ck_weekly_reports_revision" CHECK ("revision" >= 1), CONSTRAINT "ck_weekly_reports_build_source" CHECK ("build_source" IN ('schedule', 'on_demand', 'rebuild')), CONSTRAINT "ck_weekly_reports_week_span" CHECK ("week_end" = "week_start" + 6), CONSTRAINT "ck_weekly_reports_iso_week" CHECK ("iso_week" ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'), CONSTRAINT "pk_weekly_reports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`
      CREATE FUNCTION kpt_weekly_reports_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'weekly_reports: a stored week is never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.iso_week <> OLD.iso_week OR NEW.week_start <> OLD.week_start OR NEW.revision <> OLD.revision + 1 THEN
          RAISE EXCEPTION 'weekly_reports: % changes only by an explicit rebuild (revision + 1)', OLD.iso_week
            USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_weekly_reports_immutable BEFORE UPDATE OR DELETE ON "weekly_reports" FOR EACH ROW EXECUTE FUNCTION kpt_weekly_reports_guard()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "weekly_reports"`);
    await queryRunner.query(`DROP FUNCTION kpt_weekly_reports_guard()`);
    await queryRunner.query(`DROP TABLE "warning_light_rules"`);
  }
}
