import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 督办单: supervision notices, the late projects/milestones each is about, and
 * their append-only history (issued, replied, returned, closed).
 *
 * Other features read supervision_notices by column name (id,
 * owner_department_id, issued_at, closed_at, reply_due_date, status).
 */
export class CreateSupervisionNotices1763700008000 implements MigrationInterface {
  name = 'CreateSupervisionNotices1763700008000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "supervision_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" text NOT NULL, "year" integer NOT NULL, "sequence" integer NOT NULL, "owner_department_id" uuid NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "reply_due_date" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'issued', "issued_by_id" uuid NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "replied_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_supervision_notices_year_sequence" UNIQUE ("year", "sequence"), CONSTRAINT "uq_supervision_notices_number" UNIQUE ("number"), CONSTRAINT "ck_supervision_notices_sequence" CHECK ("sequence" > 0), CONSTRAINT "ck_supervision_notices_closed_has_closed_at" CHECK (("status" = 'closed') = ("closed_at" IS NOT NULL)), CONSTRAINT "ck_supervision_notices_status" CHECK ("status" IN ('issued', 'replied', 'returned', 'closed')), CONSTRAINT "pk_supervision_notices" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_supervision_notices_closed_at" ON "supervision_notices" ("closed_at") `);
    await queryRunner.query(
      `CREATE INDEX "idx_supervision_notices_open_by_reply_due_date" ON "supervision_notices" ("reply_due_date") WHERE "status" <> 'closed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_supervision_notices_owner_department_id_status" ON "supervision_notices" ("owner_department_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supervision_notice_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_id" uuid NOT NULL, "position" integer NOT NULL, "project_id" uuid NOT NULL, "milestone_id" uuid, "committed_date" date, CONSTRAINT "uq_supervision_notice_items_notice_id_position" UNIQUE ("notice_id", "position"), CONSTRAINT "pk_supervision_notice_items" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_supervision_notice_items_milestone_id" ON "supervision_notice_items" ("milestone_id") `);
    await queryRunner.query(`CREATE INDEX "idx_supervision_notice_items_project_id" ON "supervision_notice_items" ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "supervision_notice_events" ("id" BIGSERIAL NOT NULL, "notice_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "measures" text, "comment" text, "payload" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "ck_supervision_notice_events_type" CHECK ("type" IN ('issued', 'replied', 'returned', 'closed')), CONSTRAINT "pk_supervision_notice_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_supervision_notice_events_notice_id_occurred_at" ON "supervision_notice_events" ("notice_id", "occurred_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notices" ADD CONSTRAINT "fk_supervision_notices_owner_department_id" FOREIGN KEY ("owner_department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notices" ADD CONSTRAINT "fk_supervision_notices_issued_by_id" FOREIGN KEY ("issued_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notices" ADD CONSTRAINT "fk_supervision_notices_closed_by_id" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notice_items" ADD CONSTRAINT "fk_supervision_notice_items_notice_id" FOREIGN KEY ("notice_id") REFERENCES "supervision_notices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notice_items" ADD CONSTRAINT "fk_supervision_notice_items_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notice_items" ADD CONSTRAINT "fk_supervision_notice_items_milestone_id" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notice_events" ADD CONSTRAINT "fk_supervision_notice_events_notice_id" FOREIGN KEY ("notice_id") REFERENCES "supervision_notices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // History that can be rewritten is no history (kpt_refuse_change comes from CreatePortfolio).
    await queryRunner.query(
      `CREATE TRIGGER trg_supervision_notice_events_append_only BEFORE UPDATE OR DELETE ON "supervision_notice_events" FOR EACH ROW EXECUTE FUNCTION kpt_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "supervision_notice_events"`);
    await queryRunner.query(`DROP TABLE "supervision_notice_items"`);
    await queryRunner.query(`DROP TABLE "supervision_notices"`);
  }
}
