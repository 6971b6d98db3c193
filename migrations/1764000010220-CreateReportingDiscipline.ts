import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 按时填报 and 久未更新 (#12 part 3): the settings row (default period, weekly
 * deadline weekday, deadline time, stale threshold), the period of a 专栏 and of
 * a project (null = inherited), and projects.last_activity_at — kept by the
 * database like state_version: any UPDATE of the project (which every milestone,
 * investment and problem write causes through their state_version triggers) sets
 * it, and so does a new progress report. Backfilled from what the tables hold.
 */
export class CreateReportingDiscipline1764000010220 implements MigrationInterface {
  name = 'CreateReportingDiscipline1764000010220';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reporting_settings" ("id" smallint NOT NULL DEFAULT '1', "default_period" character varying(8) NOT NULL DEFAULT 'week',
        "weekly_deadline_weekday" smallint NOT NULL DEFAULT '5', "deadline_time" character(5) NOT NULL DEFAULT '17:00',
        "stale_working_days" integer NOT NULL DEFAULT '10', "version" integer NOT NULL DEFAULT '1',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_name" text,
        CONSTRAINT "ck_reporting_settings_stale" CHECK ("stale_working_days" BETWEEN 1 AND 250),
        CONSTRAINT "ck_reporting_settings_deadline_time" CHECK ("deadline_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        CONSTRAINT "ck_reporting_settings_weekday" CHECK ("weekly_deadline_weekday" BETWEEN 1 AND 7),
        CONSTRAINT "ck_reporting_settings_default_period" CHECK ("default_period" IN ('week', 'month')),
        CONSTRAINT "ck_reporting_settings_single_row" CHECK ("id" = 1),
        CONSTRAINT "pk_reporting_settings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "reporting_settings" ("id") VALUES (1)`);
    await queryRunner.query(`ALTER TABLE "plan_columns" ADD "reporting_period" character varying(8)`);
    await queryRunner.query(
      `ALTER TABLE "plan_columns" ADD CONSTRAINT "ck_plan_columns_reporting_period" CHECK ("reporting_period" IS NULL OR "reporting_period" IN ('week', 'month'))`,
    );
    await queryRunner.query(`ALTER TABLE "projects" ADD "reporting_period" character varying(8)`);
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "ck_projects_reporting_period" CHECK ("reporting_period" IS NULL OR "reporting_period" IN ('week', 'month'))`,
    );

    await queryRunner.query(`ALTER TABLE "projects" ADD "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Backfill without firing the projects triggers (they would bump every state_version and set now()).
    await queryRunner.query(`ALTER TABLE "projects" DISABLE TRIGGER USER`);
    await queryRunner.query(`
      UPDATE projects p SET last_activity_at = GREATEST(p.updated_at,
        (SELECT max(m.updated_at) FROM milestones m WHERE m.project_id = p.id),
        (SELECT max(r.created_at) FROM progress_reports r WHERE r.project_id = p.id),
        (SELECT max(i.updated_at) FROM project_monthly_investments i WHERE i.project_id = p.id),
        (SELECT max(q.updated_at) FROM coordination_problems q WHERE q.project_id = p.id))`);
    await queryRunner.query(`ALTER TABLE "projects" ENABLE TRIGGER USER`);
    await queryRunner.query(`
      CREATE FUNCTION kpt_projects_touch_last_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.last_activity_at := now();
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_projects_last_activity BEFORE UPDATE ON "projects" FOR EACH ROW EXECUTE FUNCTION kpt_projects_touch_last_activity()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION kpt_progress_reports_touch_project() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE projects SET last_activity_at = now() WHERE id IN (SELECT project_id FROM new_reports);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_progress_reports_project_activity AFTER INSERT ON "progress_reports"
         REFERENCING NEW TABLE AS new_reports FOR EACH STATEMENT EXECUTE FUNCTION kpt_progress_reports_touch_project()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_progress_reports_project_activity ON "progress_reports"`);
    await queryRunner.query(`DROP FUNCTION kpt_progress_reports_touch_project()`);
    await queryRunner.query(`DROP TRIGGER trg_projects_last_activity ON "projects"`);
    await queryRunner.query(`DROP FUNCTION kpt_projects_touch_last_activity()`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "last_activity_at"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "ck_projects_reporting_period"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "reporting_period"`);
    await queryRunner.query(`ALTER TABLE "plan_columns" DROP CONSTRAINT "ck_plan_columns_reporting_period"`);
    await queryRunner.query(`ALTER TABLE "plan_columns" DROP COLUMN "reporting_period"`);
    await queryRunner.query(`DROP TABLE "reporting_settings"`);
  }
}
