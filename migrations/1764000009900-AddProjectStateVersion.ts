import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * projects.state_version: bumped by the database on every change to a project
 * or to any of its milestones, whoever writes (API, import, seed, a hand-run
 * UPDATE). The warning-light cache (libs/reporting PortfolioReader) keys each
 * project's assessment on it, so a live view reads instead of recomputing and
 * still never shows a light older than the last committed write. Statement-level
 * triggers with transition tables: a bulk insert of 200,000 milestones bumps
 * each project once, not once per row. portfolio_reference_version does the same
 * for the names a light's row carries (departments, 专栏, groups): rare writes,
 * one counter.
 */
const REFERENCE_TABLES = ['departments', 'plan_columns', 'plan_groups'];

export class AddProjectStateVersion1764000009900 implements MigrationInterface {
  name = 'AddProjectStateVersion1764000009900';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "state_version" bigint NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      CREATE FUNCTION kpt_projects_bump_state_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.state_version := OLD.state_version + 1;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_projects_state_version BEFORE UPDATE ON "projects" FOR EACH ROW EXECUTE FUNCTION kpt_projects_bump_state_version()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION kpt_milestones_touch_project_state() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE projects SET state_version = state_version + 1
         WHERE id IN (SELECT project_id FROM changed_milestones);
        RETURN NULL;
      END $$`);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const table = event === 'DELETE' ? 'OLD' : 'NEW';
      await queryRunner.query(
        `CREATE TRIGGER trg_milestones_project_state_${event.toLowerCase()} AFTER ${event} ON "milestones"
           REFERENCING ${table} TABLE AS changed_milestones FOR EACH STATEMENT EXECUTE FUNCTION kpt_milestones_touch_project_state()`,
      );
    }

    await queryRunner.query(
      `CREATE TABLE "portfolio_reference_version" ("id" smallint NOT NULL, "version" bigint NOT NULL DEFAULT 1,
         CONSTRAINT "ck_portfolio_reference_version_single_row" CHECK ("id" = 1), CONSTRAINT "pk_portfolio_reference_version" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "portfolio_reference_version" ("id") VALUES (1)`);
    await queryRunner.query(`
      CREATE FUNCTION kpt_bump_portfolio_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE portfolio_reference_version SET version = version + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    for (const table of REFERENCE_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION kpt_bump_portfolio_reference_version()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of REFERENCE_TABLES) await queryRunner.query(`DROP TRIGGER trg_${table}_reference_version ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION kpt_bump_portfolio_reference_version()`);
    await queryRunner.query(`DROP TABLE "portfolio_reference_version"`);
    for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER trg_milestones_project_state_${event} ON "milestones"`);
    await queryRunner.query(`DROP FUNCTION kpt_milestones_touch_project_state()`);
    await queryRunner.query(`DROP TRIGGER trg_projects_state_version ON "projects"`);
    await queryRunner.query(`DROP FUNCTION kpt_projects_bump_state_version()`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "state_version"`);
  }
}
