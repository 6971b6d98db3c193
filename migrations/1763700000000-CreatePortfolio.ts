import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portfolio: plan catalogue (plans → 专栏 columns → groups → projects, 专栏 1
 * indicators), departments, users and API keys, milestones, investment, progress
 * reports and the audit log.
 *
 * Tables come from the entities (checked with `npm run db:diff`); the rest is
 * what entities cannot say: the search normaliser and its trigger, the trigram
 * index, and the triggers that keep progress reports and the audit log append-only.
 */
export class CreatePortfolio1763700000000 implements MigrationInterface {
  name = 'CreatePortfolio1763700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE TABLE "departments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "name" text NOT NULL, "kind" character varying(16) NOT NULL, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_departments_name" UNIQUE ("name"), CONSTRAINT "uq_departments_code" UNIQUE ("code"), CONSTRAINT "ck_departments_kind" CHECK ("kind" IN ('department', 'subdistrict', 'town')), CONSTRAINT "pk_departments" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "role" character varying(32) NOT NULL, "department_id" uuid, "email" text, "is_active" boolean NOT NULL DEFAULT true, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_users_username" UNIQUE ("username"), CONSTRAINT "ck_users_editor_has_department" CHECK ("role" <> 'department_editor' OR "department_id" IS NOT NULL), CONSTRAINT "ck_users_role" CHECK ("role" IN ('admin', 'supervisor', 'department_editor', 'viewer')), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character varying(64) NOT NULL, "scopes" text array NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_api_keys_key_hash" UNIQUE ("key_hash"), CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_type" character varying(16) NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "action" character varying(32) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(64), CONSTRAINT "ck_audit_log_actor_type" CHECK ("actor_type" IN ('user', 'api_key', 'system')), CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_occurred_at" ON "audit_log" ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_entity_type_entity_id_occurred_at" ON "audit_log" ("entity_type", "entity_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "title" text NOT NULL, "start_year" integer NOT NULL, "end_year" integer NOT NULL, CONSTRAINT "uq_plans_code" UNIQUE ("code"), CONSTRAINT "pk_plans" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "plan_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "column_id" uuid NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, CONSTRAINT "uq_plan_groups_column_id_number" UNIQUE ("column_id", "number"), CONSTRAINT "pk_plan_groups" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "plan_columns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, CONSTRAINT "uq_plan_columns_plan_id_number" UNIQUE ("plan_id", "number"), CONSTRAINT "pk_plan_columns" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "search_text" text NOT NULL DEFAULT '', "column_id" uuid NOT NULL, "group_id" uuid NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "kind" character varying(32) NOT NULL, "attributes" jsonb NOT NULL DEFAULT '{}'::jsonb, "description" text, "location" text, "owner_department_id" uuid, "lead_official" text, "status" character varying(32) NOT NULL DEFAULT 'planning', "planned_start_date" date, "planned_end_date" date, "total_investment_yuan" bigint, "funding_sources" jsonb NOT NULL DEFAULT '[]'::jsonb, "percent_complete" numeric(5,2), "plan_ref" character varying(32), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_projects_plan_ref" UNIQUE ("plan_ref"), CONSTRAINT "ck_projects_total_investment" CHECK ("total_investment_yuan" IS NULL OR "total_investment_yuan" >= 0), CONSTRAINT "ck_projects_planned_dates" CHECK ("planned_start_date" IS NULL OR "planned_end_date" IS NULL OR "planned_start_date" <= "planned_end_date"), CONSTRAINT "ck_projects_status" CHECK ("status" IN ('planning', 'preparation', 'under_construction', 'completed', 'in_service', 'suspended', 'cancelled')), CONSTRAINT "ck_projects_kind" CHECK ("kind" IN ('substation', 'school', 'pipe_network', 'road', 'resettlement_housing', 'hospital', 'ecology', 'industrial_park', 'culture_tourism', 'agriculture', 'public_safety', 'elderly_care', 'other')), CONSTRAINT "pk_projects" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_projects_kind" ON "projects" ("kind") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_status" ON "projects" ("status") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_owner_department_id" ON "projects" ("owner_department_id") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_column_id" ON "projects" ("column_id") `);
    await queryRunner.query(`CREATE TABLE "milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "name" text NOT NULL, "baseline_date" date NOT NULL, "planned_date" date NOT NULL, "actual_date" date, "status" character varying(16) NOT NULL DEFAULT 'pending', "note" text, "is_demo" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_milestones_done_has_actual_date" CHECK (("status" = 'done') = ("actual_date" IS NOT NULL)), CONSTRAINT "ck_milestones_status" CHECK ("status" IN ('pending', 'done', 'cancelled')), CONSTRAINT "ck_milestones_kind" CHECK ("kind" IN ('project_approval', 'feasibility_approval', 'land_planning_permit', 'construction_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'handover', 'in_service', 'custom')), CONSTRAINT "pk_milestones" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_milestones_open_by_planned_date" ON "milestones" ("planned_date") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "idx_milestones_project_id_planned_date" ON "milestones" ("project_id", "planned_date") `);
    await queryRunner.query(`CREATE TABLE "plan_indicators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "number" integer NOT NULL, "category" text NOT NULL, "name" text NOT NULL, "unit" text, "value2025" text, "target2030" text, "annual_or_cumulative" text, "nature" character varying(16) NOT NULL, CONSTRAINT "uq_plan_indicators_plan_id_number" UNIQUE ("plan_id", "number"), CONSTRAINT "ck_plan_indicators_nature" CHECK ("nature" IN ('expected', 'binding')), CONSTRAINT "pk_plan_indicators" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "progress_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "period" character(7) NOT NULL, "text" text NOT NULL, "percent_complete" numeric(5,2), "investment_completed_yuan" bigint NOT NULL DEFAULT '0', "problems" text, "coordination_needs" text, "author_id" uuid NOT NULL, "author_name" text NOT NULL, "idempotency_key" character varying(128), "request_hash" character varying(64), "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_progress_reports_author_id_idempotency_key" UNIQUE ("author_id", "idempotency_key"), CONSTRAINT "ck_progress_reports_period" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "ck_progress_reports_investment" CHECK ("investment_completed_yuan" >= 0), CONSTRAINT "ck_progress_reports_percent" CHECK ("percent_complete" IS NULL OR ("percent_complete" >= 0 AND "percent_complete" <= 100)), CONSTRAINT "pk_progress_reports" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_progress_reports_project_id_created_at" ON "progress_reports" ("project_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "project_annual_plans" ("project_id" uuid NOT NULL, "year" integer NOT NULL, "amount_yuan" bigint NOT NULL, "is_demo" boolean NOT NULL DEFAULT false, CONSTRAINT "ck_project_annual_plans_amount" CHECK ("amount_yuan" >= 0), CONSTRAINT "pk_project_annual_plans" PRIMARY KEY ("project_id", "year"))`);
    await queryRunner.query(`CREATE TABLE "project_monthly_investments" ("project_id" uuid NOT NULL, "month" character(7) NOT NULL, "amount_yuan" bigint NOT NULL, "is_demo" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_project_monthly_investments_amount" CHECK ("amount_yuan" >= 0), CONSTRAINT "ck_project_monthly_investments_month" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "pk_project_monthly_investments" PRIMARY KEY ("project_id", "month"))`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_department_id" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_groups" ADD CONSTRAINT "fk_plan_groups_column_id" FOREIGN KEY ("column_id") REFERENCES "plan_columns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_columns" ADD CONSTRAINT "fk_plan_columns_plan_id" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_column_id" FOREIGN KEY ("column_id") REFERENCES "plan_columns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_group_id" FOREIGN KEY ("group_id") REFERENCES "plan_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_owner_department_id" FOREIGN KEY ("owner_department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "milestones" ADD CONSTRAINT "fk_milestones_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_indicators" ADD CONSTRAINT "fk_plan_indicators_plan_id" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "progress_reports" ADD CONSTRAINT "fk_progress_reports_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "project_annual_plans" ADD CONSTRAINT "fk_project_annual_plans_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "project_monthly_investments" ADD CONSTRAINT "fk_project_monthly_investments_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // Search works the way a person types: NFKC folds full-width forms, then
    // spacing and punctuation go, so "220 千伏" and "·安泽园" find their projects.
    // The query goes through the same function.
    await queryRunner.query(`
      CREATE FUNCTION kpt_search_normalize(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT regexp_replace(lower(normalize(input, NFKC)), '[[:space:][:punct:]]', '', 'g') $$`);
    await queryRunner.query(`
      CREATE FUNCTION kpt_projects_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := kpt_search_normalize(NEW.name);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_projects_search_text BEFORE INSERT OR UPDATE OF name ON "projects" FOR EACH ROW EXECUTE FUNCTION kpt_projects_search_text()`,
    );
    await queryRunner.query(`CREATE INDEX "idx_projects_search_text_trgm" ON "projects" USING gin ("search_text" gin_trgm_ops)`);
    // The same project twice is the same name in the same group for the same owner unit.
    // The plan itself lists one name twice in 专栏 7 group 7, for two sub-districts; both
    // keep the plan's exact name. NULLS NOT DISTINCT: unowned projects clash too.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_projects_group_owner_name" ON "projects" ("group_id", "owner_department_id", "name") NULLS NOT DISTINCT`,
    );

    // Append-only tables: history that can be rewritten is no history.
    await queryRunner.query(`
      CREATE FUNCTION kpt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION kpt_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_progress_reports_append_only BEFORE UPDATE ON "progress_reports" FOR EACH ROW EXECUTE FUNCTION kpt_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "project_monthly_investments"`);
    await queryRunner.query(`DROP TABLE "project_annual_plans"`);
    await queryRunner.query(`DROP TABLE "progress_reports"`);
    await queryRunner.query(`DROP TABLE "milestones"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP TABLE "plan_indicators"`);
    await queryRunner.query(`DROP TABLE "plan_groups"`);
    await queryRunner.query(`DROP TABLE "plan_columns"`);
    await queryRunner.query(`DROP TABLE "plans"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "departments"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION kpt_refuse_change()`);
    await queryRunner.query(`DROP FUNCTION kpt_projects_search_text()`);
    await queryRunner.query(`DROP FUNCTION kpt_search_normalize(text)`);
  }
}
