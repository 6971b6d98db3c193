import { MigrationInterface, QueryRunner } from 'typeorm';

/** The leader role (区领导/包联领导): read-only accounts that can be a project's lead official. */
export class AddLeaderRole1764000007000 implements MigrationInterface {
  name = 'AddLeaderRole1764000007000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_role"`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_role" CHECK ("role" IN ('admin', 'supervisor', 'department_editor', 'viewer', 'leader'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_role"`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_role" CHECK ("role" IN ('admin', 'supervisor', 'department_editor', 'viewer'))`);
  }
}
