import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * job_runs: one row per run of a scheduled job (reminder scan, notice-reminder
 * scan, weekly report) — the source of truth for "has today's scan been done".
 * A scheduled occurrence (a day, an ISO week) has at most one row (partial
 * unique index), so two workers catching up at once record one run; manual runs
 * (POST /admin/jobs/:name/run) are rows of their own. `generation` numbers the
 * BullMQ jobs the watchdog has added for a run (job id job-run-<id>-<generation>),
 * so re-adding a stalled or failed run is deterministic across workers.
 */
export class CreateJobRuns1764000005000 implements MigrationInterface {
  name = 'CreateJobRuns1764000005000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job" character varying(64) NOT NULL, "occurrence" character varying(16) NOT NULL, "kind" character varying(16) NOT NULL, "trigger" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "generation" integer NOT NULL DEFAULT '0', "queue_job_id" character varying(200), "counts" jsonb, "error" text, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_job_runs_job" CHECK ("job" IN ('reminder-scan', 'notice-reminder-scan', 'weekly-report')), CONSTRAINT "ck_job_runs_kind" CHECK ("kind" IN ('scheduled', 'manual')), CONSTRAINT "ck_job_runs_trigger" CHECK ("trigger" IN ('schedule', 'catch-up', 'manual')), CONSTRAINT "ck_job_runs_status" CHECK ("status" IN ('queued', 'running', 'done', 'failed', 'expired')), CONSTRAINT "pk_job_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_job_runs_scheduled_occurrence" ON "job_runs" ("job", "occurrence") WHERE "kind" = 'scheduled'`);
    await queryRunner.query(`CREATE INDEX "idx_job_runs_job_created_at" ON "job_runs" ("job", "created_at")`);
    await queryRunner.query(`CREATE INDEX "idx_job_runs_unfinished" ON "job_runs" ("created_at") WHERE "status" IN ('queued', 'running', 'failed')`);
    await queryRunner.query(
      `ALTER TABLE "job_runs" ADD CONSTRAINT "fk_job_runs_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_runs"`);
  }
}
