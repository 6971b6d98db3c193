import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event notifications (督办单, deadline changes, a project turning red): inbox
 * rows keyed by (event_key, user_id), channel deliveries keyed by
 * `<eventKey>-<recipientKey>`, per-user preferences per kind, and the last
 * light seen per project so a turn to red is announced once.
 */
export class CreateEventNotifications1764000007100 implements MigrationInterface {
  name = 'CreateEventNotifications1764000007100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "event_key" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "uq_notifications_event_key_user_id" UNIQUE ("event_key", "user_id")`);
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "also_channel" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_preferences" PRIMARY KEY ("user_id", "kind"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "fk_notification_preferences_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "event_deliveries" ("id" character varying(240) NOT NULL, "event_key" character varying(200) NOT NULL, "kind" character varying(40) NOT NULL, "channel" character varying(16) NOT NULL, "department_channel_id" uuid, "recipient_user_id" uuid, "title" text NOT NULL, "body" text NOT NULL, "link" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_event_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_event_deliveries_due" ON "event_deliveries" ("next_attempt_at") WHERE "status" = 'queued'`);
    await queryRunner.query(
      `CREATE TABLE "project_light_states" ("project_id" uuid NOT NULL, "light" character varying(8) NOT NULL, "red_turns" integer NOT NULL DEFAULT '0', "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_project_light_states" PRIMARY KEY ("project_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_light_states" ADD CONSTRAINT "fk_project_light_states_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "project_light_states"`);
    await queryRunner.query(`DROP TABLE "event_deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "uq_notifications_event_key_user_id"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "event_key"`);
  }
}
