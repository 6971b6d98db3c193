import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'substation', 'school', 'pipe_network', 'road', 'resettlement_housing', 'hospital', 'ecology', 'industrial_park', 'culture_tourism', 'agriculture', 'public_safety', 'elderly_care', 'other'`;
const MILESTONE_KINDS = `'project_approval', 'feasibility_approval', 'land_planning_permit', 'construction_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'handover', 'in_service', 'custom'`;

/**
 * 节点模板 (#12 part 2): standard node templates per project kind, versioned. A version's nodes and their
 * dependencies never change once written (an edit is a new version), so a project and each of its generated
 * milestones point at the version and node they came from. A deadline-change request can carry the dependents
 * moved with its milestone (一并调整), decided with it as a whole.
 */
export class CreateNodeTemplates1764000010100 implements MigrationInterface {
  name = 'CreateNodeTemplates1764000010100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "node_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "name" text NOT NULL, "kind" character varying(32) NOT NULL, "source" character varying(16) NOT NULL DEFAULT 'office', "current_version_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_node_templates_code" UNIQUE ("code"), CONSTRAINT "ck_node_templates_kind" CHECK ("kind" IN (${KINDS})), CONSTRAINT "ck_node_templates_source" CHECK ("source" IN ('seed', 'office')), CONSTRAINT "pk_node_templates" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_node_templates_kind" ON "node_templates" ("kind") `);
    await queryRunner.query(
      `CREATE TABLE "node_template_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "template_id" uuid NOT NULL, "number" integer NOT NULL, "is_seed_default" boolean NOT NULL DEFAULT false, "note" text, "created_by_id" uuid, "created_by_name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_node_template_versions_template_id_number" UNIQUE ("template_id", "number"), CONSTRAINT "ck_node_template_versions_number" CHECK ("number" >= 1), CONSTRAINT "pk_node_template_versions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "node_template_nodes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "name" text NOT NULL, "milestone_kind" character varying(32) NOT NULL, "duration_working_days" integer NOT NULL, "is_key" boolean NOT NULL DEFAULT false, "requires_document" boolean NOT NULL DEFAULT false, "sort_order" integer NOT NULL, CONSTRAINT "uq_node_template_nodes_version_id_code" UNIQUE ("version_id", "code"), CONSTRAINT "uq_node_template_nodes_version_id_sort_order" UNIQUE ("version_id", "sort_order"), CONSTRAINT "ck_node_template_nodes_milestone_kind" CHECK ("milestone_kind" IN (${MILESTONE_KINDS})), CONSTRAINT "ck_node_template_nodes_duration" CHECK ("duration_working_days" >= 0 AND "duration_working_days" <= 1000), CONSTRAINT "pk_node_template_nodes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "node_template_dependencies" ("node_id" uuid NOT NULL, "depends_on_node_id" uuid NOT NULL, CONSTRAINT "ck_node_template_dependencies_not_self" CHECK ("node_id" <> "depends_on_node_id"), CONSTRAINT "pk_node_template_dependencies" PRIMARY KEY ("node_id", "depends_on_node_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_node_template_dependencies_depends_on_node_id" ON "node_template_dependencies" ("depends_on_node_id") `);
    await queryRunner.query(
      `ALTER TABLE "node_templates" ADD CONSTRAINT "fk_node_templates_current_version_id" FOREIGN KEY ("current_version_id") REFERENCES "node_template_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "node_template_versions" ADD CONSTRAINT "fk_node_template_versions_template_id" FOREIGN KEY ("template_id") REFERENCES "node_templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "node_template_nodes" ADD CONSTRAINT "fk_node_template_nodes_version_id" FOREIGN KEY ("version_id") REFERENCES "node_template_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "node_template_dependencies" ADD CONSTRAINT "fk_node_template_dependencies_node_id" FOREIGN KEY ("node_id") REFERENCES "node_template_nodes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "node_template_dependencies" ADD CONSTRAINT "fk_node_template_dependencies_depends_on_node_id" FOREIGN KEY ("depends_on_node_id") REFERENCES "node_template_nodes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Where a project and its milestones came from; a version is never deleted while anything points at it.
    await queryRunner.query(`ALTER TABLE "projects" ADD "template_version_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_template_version_id" FOREIGN KEY ("template_version_id") REFERENCES "node_template_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "milestones" ADD "template_node_id" uuid`);
    await queryRunner.query(`ALTER TABLE "milestones" ADD "is_key_node" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "milestones" ADD "requires_document" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "fk_milestones_template_node_id" FOREIGN KEY ("template_node_id") REFERENCES "node_template_nodes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The node statistics read milestones by template node; one milestone per node per project.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_milestones_project_template_node" ON "milestones" ("project_id", "template_node_id") WHERE "template_node_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_milestones_template_node" ON "milestones" ("template_node_id") WHERE "template_node_id" IS NOT NULL`);

    // 一并调整: the dependents a request moves with its milestone.
    await queryRunner.query(
      `CREATE TABLE "deadline_change_request_dependents" ("request_id" uuid NOT NULL, "milestone_id" uuid NOT NULL, "old_date" date NOT NULL, "new_date" date NOT NULL, "working_days" integer NOT NULL, "milestone_version" integer NOT NULL, CONSTRAINT "ck_deadline_change_request_dependents_moves" CHECK ("new_date" <> "old_date"), CONSTRAINT "pk_deadline_change_request_dependents" PRIMARY KEY ("request_id", "milestone_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_deadline_change_request_dependents_milestone_id" ON "deadline_change_request_dependents" ("milestone_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_change_request_dependents" ADD CONSTRAINT "fk_deadline_change_request_dependents_request_id" FOREIGN KEY ("request_id") REFERENCES "deadline_change_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_change_request_dependents" ADD CONSTRAINT "fk_deadline_change_request_dependents_milestone_id" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "deadline_change_request_dependents"`);
    await queryRunner.query(`DROP INDEX "idx_milestones_template_node"`);
    await queryRunner.query(`DROP INDEX "uq_milestones_project_template_node"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "fk_milestones_template_node_id"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "requires_document"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "is_key_node"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "template_node_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_template_version_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "template_version_id"`);
    await queryRunner.query(`ALTER TABLE "node_templates" DROP CONSTRAINT "fk_node_templates_current_version_id"`);
    await queryRunner.query(`DROP TABLE "node_template_dependencies"`);
    await queryRunner.query(`DROP TABLE "node_template_nodes"`);
    await queryRunner.query(`DROP TABLE "node_template_versions"`);
    await queryRunner.query(`DROP TABLE "node_templates"`);
  }
}
