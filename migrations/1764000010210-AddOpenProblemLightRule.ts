import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open-problems light (#12 part 4): thresholds on the warning_light_rules
 * row (off until an office switches it on). It reads coordination_problems
 * (问题台账, migration 1764000010000), whose writes already bump their project's
 * state_version, so cached lights follow every problem's move.
 */
export class AddOpenProblemLightRule1764000010210 implements MigrationInterface {
  name = 'AddOpenProblemLightRule1764000010210';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "warning_light_rules"
      ADD "problem_rule_enabled" boolean NOT NULL DEFAULT false,
      ADD "problem_yellow_working_days" integer NOT NULL DEFAULT '5',
      ADD "problem_red_working_days" integer NOT NULL DEFAULT '10'`);
    await queryRunner.query(
      `ALTER TABLE "warning_light_rules" ADD CONSTRAINT "ck_warning_light_rules_problem" CHECK ("problem_yellow_working_days" >= 0 AND "problem_red_working_days" >= "problem_yellow_working_days" AND "problem_red_working_days" <= 250)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "warning_light_rules" DROP CONSTRAINT "ck_warning_light_rules_problem"`);
    await queryRunner.query(
      `ALTER TABLE "warning_light_rules" DROP COLUMN "problem_red_working_days", DROP COLUMN "problem_yellow_working_days", DROP COLUMN "problem_rule_enabled"`,
    );
  }
}
