import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 问题台账: coordination problems a unit raises on a project, the departments that
 * coordinate each one (with their measure and date), the append-only history of
 * every step, the codelist of problem types (seeded with the six the district
 * uses; admins extend it) and the one-row settings of the climb (5 working days).
 *
 * Every write to coordination_problems bumps the project's state_version (the
 * warning-light cache keys on it, see 1764000009900), so a light that reads open
 * problems is never served stale. Other features read coordination_problems by
 * column name: id, project_id, raising_department_id, type_code, state,
 * raised_at, last_moved_at, needed_by_date, closed_at.
 */
const SEEDED_PROBLEM_TYPES: ReadonlyArray<[code: string, name: string]> = [
  ['funding', '资金'],
  ['land', '用地/征拆'],
  ['approvals', '前期手续'],
  ['planning', '规划'],
  ['site_conditions', '施工条件'],
  ['other', '其他'],
];

export class CreateCoordinationProblems1764000010000 implements MigrationInterface {
  name = 'CreateCoordinationProblems1764000010000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "problem_types" ("code" character varying(32) NOT NULL, "name" text NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "is_active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_problem_types_name" UNIQUE ("name"), CONSTRAINT "ck_problem_types_code" CHECK ("code" ~ '^[a-z][a-z0-9_]{0,31}$'), CONSTRAINT "pk_problem_types" PRIMARY KEY ("code"))`,
    );
    for (const [index, [code, name]] of SEEDED_PROBLEM_TYPES.entries()) {
      await queryRunner.query(`INSERT INTO "problem_types" ("code", "name", "sort_order") VALUES ($1, $2, $3)`, [code, name, (index + 1) * 10]);
    }

    await queryRunner.query(
      `CREATE TABLE "coordination_problems" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "sequence" integer NOT NULL, "project_id" uuid NOT NULL, "raising_department_id" uuid NOT NULL, "type_code" character varying(32) NOT NULL, "title" text NOT NULL, "need" text NOT NULL, "needed_by_date" date NOT NULL, "severity" character varying(16) NOT NULL DEFAULT 'general', "state" character varying(16) NOT NULL DEFAULT 'new', "suspended_from_state" character varying(16), "progress_report_id" uuid, "raised_by_id" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_moved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_coordination_problems_year_sequence" UNIQUE ("year", "sequence"), CONSTRAINT "ck_coordination_problems_sequence" CHECK ("sequence" > 0), CONSTRAINT "ck_coordination_problems_closed_has_closed_at" CHECK (("state" = 'closed') = ("closed_at" IS NOT NULL)), CONSTRAINT "ck_coordination_problems_suspended_from" CHECK (("state" = 'suspended') = ("suspended_from_state" IS NOT NULL) AND ("suspended_from_state" IS NULL OR "suspended_from_state" IN ('new', 'coordinating', 'resolved'))), CONSTRAINT "ck_coordination_problems_severity" CHECK ("severity" IN ('general', 'major', 'critical')), CONSTRAINT "ck_coordination_problems_state" CHECK ("state" IN ('new', 'coordinating', 'resolved', 'closed', 'suspended')), CONSTRAINT "pk_coordination_problems" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_coordination_problems_open_by_last_moved_at" ON "coordination_problems" ("last_moved_at") WHERE "state" IN ('new', 'coordinating', 'resolved')`,
    );
    await queryRunner.query(`CREATE INDEX "idx_coordination_problems_closed_at" ON "coordination_problems" ("closed_at") `);
    await queryRunner.query(`CREATE INDEX "idx_coordination_problems_raised_at" ON "coordination_problems" ("raised_at") `);
    await queryRunner.query(`CREATE INDEX "idx_coordination_problems_progress_report_id" ON "coordination_problems" ("progress_report_id") `);
    await queryRunner.query(`CREATE INDEX "idx_coordination_problems_type_code" ON "coordination_problems" ("type_code") `);
    await queryRunner.query(
      `CREATE INDEX "idx_coordination_problems_raising_department_id_state" ON "coordination_problems" ("raising_department_id", "state") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_coordination_problems_project_id_state" ON "coordination_problems" ("project_id", "state") `);
    await queryRunner.query(
      `CREATE TABLE "coordination_problem_departments" ("problem_id" uuid NOT NULL, "department_id" uuid NOT NULL, "position" smallint NOT NULL DEFAULT '0', "measure" text, "measure_date" date, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by_id" uuid, CONSTRAINT "pk_coordination_problem_departments" PRIMARY KEY ("problem_id", "department_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_coordination_problem_departments_department_id" ON "coordination_problem_departments" ("department_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "coordination_problem_events" ("id" BIGSERIAL NOT NULL, "problem_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "from_state" character varying(16), "to_state" character varying(16) NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "department_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "comment" text, "payload" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "ck_coordination_problem_events_type" CHECK ("type" IN ('raised', 'accepted', 'claimed', 'closed', 'returned', 'suspended', 'resumed', 'escalated')), CONSTRAINT "pk_coordination_problem_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_coordination_problem_events_problem_id_occurred_at" ON "coordination_problem_events" ("problem_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "coordination_problem_settings" ("id" smallint NOT NULL DEFAULT '1', "stall_working_days" integer NOT NULL DEFAULT '5', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_id" uuid, "updated_by_name" text, CONSTRAINT "ck_coordination_problem_settings_stall_working_days" CHECK ("stall_working_days" BETWEEN 1 AND 60), CONSTRAINT "ck_coordination_problem_settings_single_row" CHECK ("id" = 1), CONSTRAINT "pk_coordination_problem_settings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "coordination_problem_settings" ("id") VALUES (1)`);

    await queryRunner.query(
      `ALTER TABLE "coordination_problems" ADD CONSTRAINT "fk_coordination_problems_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problems" ADD CONSTRAINT "fk_coordination_problems_raising_department_id" FOREIGN KEY ("raising_department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problems" ADD CONSTRAINT "fk_coordination_problems_type_code" FOREIGN KEY ("type_code") REFERENCES "problem_types"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problems" ADD CONSTRAINT "fk_coordination_problems_progress_report_id" FOREIGN KEY ("progress_report_id") REFERENCES "progress_reports"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problems" ADD CONSTRAINT "fk_coordination_problems_raised_by_id" FOREIGN KEY ("raised_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problems" ADD CONSTRAINT "fk_coordination_problems_closed_by_id" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problem_departments" ADD CONSTRAINT "fk_coordination_problem_departments_problem_id" FOREIGN KEY ("problem_id") REFERENCES "coordination_problems"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problem_departments" ADD CONSTRAINT "fk_coordination_problem_departments_department_id" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problem_departments" ADD CONSTRAINT "fk_coordination_problem_departments_accepted_by_id" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordination_problem_events" ADD CONSTRAINT "fk_coordination_problem_events_problem_id" FOREIGN KEY ("problem_id") REFERENCES "coordination_problems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // History that can be rewritten is no history (kpt_refuse_change comes from CreatePortfolio).
    await queryRunner.query(
      `CREATE TRIGGER trg_coordination_problem_events_append_only BEFORE UPDATE OR DELETE ON "coordination_problem_events" FOR EACH ROW EXECUTE FUNCTION kpt_refuse_change()`,
    );

    // A problem's change is a change of its project's state (the open-problem light reads it).
    await queryRunner.query(`
      CREATE FUNCTION kpt_coordination_problems_touch_project_state() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE projects SET state_version = state_version + 1
         WHERE id IN (SELECT project_id FROM changed_problems);
        RETURN NULL;
      END $$`);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const table = event === 'DELETE' ? 'OLD' : 'NEW';
      await queryRunner.query(
        `CREATE TRIGGER trg_coordination_problems_project_state_${event.toLowerCase()} AFTER ${event} ON "coordination_problems"
           REFERENCING ${table} TABLE AS changed_problems FOR EACH STATEMENT EXECUTE FUNCTION kpt_coordination_problems_touch_project_state()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER trg_coordination_problems_project_state_${event} ON "coordination_problems"`);
    }
    await queryRunner.query(`DROP FUNCTION kpt_coordination_problems_touch_project_state()`);
    await queryRunner.query(`DROP TABLE "coordination_problem_events"`);
    await queryRunner.query(`DROP TABLE "coordination_problem_departments"`);
    await queryRunner.query(`DROP TABLE "coordination_problem_settings"`);
    await queryRunner.query(`DROP TABLE "coordination_problems"`);
    await queryRunner.query(`DROP TABLE "problem_types"`);
  }
}
