import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The official calendar kept by the office: a year's holidays and 调休 working
 * weekends as an admin published them, overriding the chinese-days package for that
 * year. `revision` rises with every publication; the sum over all years is the
 * calendar version the API and the worker compare to know when to reload.
 */
export class CreateCalendarYears1764000006100 implements MigrationInterface {
  name = 'CreateCalendarYears1764000006100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_years" ("year" integer NOT NULL, "holidays" date array NOT NULL, "workdays" date array NOT NULL, "revision" integer NOT NULL DEFAULT '1', "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_by" text NOT NULL, CONSTRAINT "ck_calendar_years_revision" CHECK ("revision" >= 1), CONSTRAINT "ck_calendar_years_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "pk_calendar_years" PRIMARY KEY ("year"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_years"`);
  }
}
