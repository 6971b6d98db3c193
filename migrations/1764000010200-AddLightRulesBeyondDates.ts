import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lights on more than dates (#12 part 4): the thresholds of the 开工 and
 * investment rules on the warning_light_rules row (off until an office switches
 * them on), and the investment tables bumping their project's state_version
 * like milestones do (migration 1764000009900), so a cached light never outlives
 * an annual plan or a month's figure, whoever writes it (API, import, SQL).
 */
const INVESTMENT_TABLES = ['project_annual_plans', 'project_monthly_investments'];

export class AddLightRulesBeyondDates1764000010200 implements MigrationInterface {
  name = 'AddLightRulesBeyondDates1764000010200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "warning_light_rules"
      ADD "start_rule_enabled" boolean NOT NULL DEFAULT false,
      ADD "start_yellow_working_days" integer NOT NULL DEFAULT '0',
      ADD "start_red_working_days" integer NOT NULL DEFAULT '10',
      ADD "investment_rule_enabled" boolean NOT NULL DEFAULT false,
      ADD "investment_yellow_points" integer NOT NULL DEFAULT '10',
      ADD "investment_red_points" integer NOT NULL DEFAULT '20'`);
    await queryRunner.query(
      `ALTER TABLE "warning_light_rules" ADD CONSTRAINT "ck_warning_light_rules_start" CHECK ("start_yellow_working_days" >= 0 AND "start_red_working_days" >= "start_yellow_working_days" AND "start_red_working_days" <= 250)`,
    );
    await queryRunner.query(
      `ALTER TABLE "warning_light_rules" ADD CONSTRAINT "ck_warning_light_rules_investment" CHECK ("investment_yellow_points" >= 0 AND "investment_red_points" >= "investment_yellow_points" AND "investment_red_points" <= 100)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION kpt_investment_touch_project_state() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE projects SET state_version = state_version + 1
         WHERE id IN (SELECT project_id FROM changed_rows);
        RETURN NULL;
      END $$`);
    for (const table of INVESTMENT_TABLES) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        const transition = event === 'DELETE' ? 'OLD' : 'NEW';
        await queryRunner.query(
          `CREATE TRIGGER trg_${table}_project_state_${event.toLowerCase()} AFTER ${event} ON "${table}"
             REFERENCING ${transition} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpt_investment_touch_project_state()`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of INVESTMENT_TABLES) {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER trg_${table}_project_state_${event} ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION kpt_investment_touch_project_state()`);
    await queryRunner.query(`ALTER TABLE "warning_light_rules" DROP CONSTRAINT "ck_warning_light_rules_investment"`);
    await queryRunner.query(`ALTER TABLE "warning_light_rules" DROP CONSTRAINT "ck_warning_light_rules_start"`);
    await queryRunner.query(`ALTER TABLE "warning_light_rules"
      DROP COLUMN "investment_red_points", DROP COLUMN "investment_yellow_points", DROP COLUMN "investment_rule_enabled",
      DROP COLUMN "start_red_working_days", DROP COLUMN "start_yellow_working_days", DROP COLUMN "start_rule_enabled"`);
  }
}
