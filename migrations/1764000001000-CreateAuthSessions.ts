import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions (every access token names one, so logout and an admin's
 * change revoke tokens at once) and the shared counters of failed sign-ins
 * (per account+address and per address, so every API process agrees).
 */
export class CreateAuthSessions1764000001000 implements MigrationInterface {
  name = 'CreateAuthSessions1764000001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), "kind" character varying(16) NOT NULL, "client_address" character varying(64), "user_agent" character varying(256), CONSTRAINT "ck_auth_sessions_kind" CHECK ("kind" IN ('cookie', 'bearer')), CONSTRAINT "pk_auth_sessions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_auth_sessions_active_by_user" ON "auth_sessions" ("user_id") WHERE "revoked_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_auth_sessions_expires_at" ON "auth_sessions" ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "fk_auth_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" character varying(200) NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_login_throttle_failures" CHECK ("failures" >= 0), CONSTRAINT "pk_login_throttle" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_login_throttle_window_started_at" ON "login_throttle" ("window_started_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
  }
}
