import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Excel import (台账导入, 月报导入): the project code (项目代码, the national
 * investment-approval platform's lifelong id, an import's first natural key) on
 * projects, and one row per import run with its report (kept for download as XLSX).
 */
export class CreateImports1764000006000 implements MigrationInterface {
  name = 'CreateImports1764000006000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "project_code" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "projects" ADD CONSTRAINT "uq_projects_project_code" UNIQUE ("project_code")`);
    await queryRunner.query(
      `CREATE TABLE "import_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "mode" character varying(16) NOT NULL, "dry_run" boolean NOT NULL, "applied" boolean NOT NULL, "file_name" text NOT NULL, "file_sha256" character(64) NOT NULL, "actor_id" uuid NOT NULL, "actor_name" text NOT NULL, "summary" jsonb NOT NULL, "report" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_import_runs_mode" CHECK ("mode" IN ('all-or-nothing', 'valid-rows')), CONSTRAINT "ck_import_runs_kind" CHECK ("kind" IN ('projects', 'monthly-report')), CONSTRAINT "pk_import_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_import_runs_actor_id_created_at" ON "import_runs" ("actor_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_runs"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "uq_projects_project_code"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "project_code"`);
  }
}
