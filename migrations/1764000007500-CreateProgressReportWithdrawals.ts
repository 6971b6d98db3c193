import { MigrationInterface, QueryRunner } from 'typeorm';

/** 撤回进展填报: withdrawals of progress reports, beside the append-only reports themselves. */
export class CreateProgressReportWithdrawals1764000007500 implements MigrationInterface {
  name = 'CreateProgressReportWithdrawals1764000007500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "progress_report_withdrawals" ("report_id" uuid NOT NULL, "reason" text NOT NULL, "withdrawn_by_id" uuid NOT NULL, "withdrawn_by_name" text NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_progress_report_withdrawals" PRIMARY KEY ("report_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_report_withdrawals" ADD CONSTRAINT "fk_progress_report_withdrawals_report_id" FOREIGN KEY ("report_id") REFERENCES "progress_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Like the reports themselves, a withdrawal is never changed (a project's deletion still takes both away).
    await queryRunner.query(
      `CREATE TRIGGER trg_progress_report_withdrawals_append_only BEFORE UPDATE ON "progress_report_withdrawals" FOR EACH ROW EXECUTE FUNCTION kpt_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "progress_report_withdrawals"`);
  }
}
