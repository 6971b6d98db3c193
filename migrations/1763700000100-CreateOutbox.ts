import { MigrationInterface, QueryRunner } from 'typeorm';

/** Transactional outbox for milestone changes; the worker relays it to BullMQ. */
export class CreateOutbox1763700000100 implements MigrationInterface {
  name = 'CreateOutbox1763700000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "topic" character varying(64) NOT NULL, "aggregate_type" character varying(32) NOT NULL, "aggregate_id" uuid NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "pk_outbox_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_outbox_events_unpublished" ON "outbox_events" ("id") WHERE "published_at" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_events"`);
  }
}
