import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department channel addresses (robot URLs with their tokens) and 加签 secrets are
 * stored encrypted from now on (libs/config/src/secret-box.ts). Each value gets a
 * random IV, so equal addresses no longer look equal to Postgres: the unique
 * (department, channel, address) constraint goes, and the API checks duplicates
 * itself under the department's row lock.
 *
 * Existing plaintext rows are not touched here — a migration has no business
 * holding the encryption key. The app reads plaintext as it is, and the API's
 * start (or `npm run secrets:reencrypt`) encrypts every plaintext value.
 */
export class EncryptDepartmentChannelSecrets1764000003000 implements MigrationInterface {
  name = 'EncryptDepartmentChannelSecrets1764000003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "department_channels" DROP CONSTRAINT "uq_department_channels_department_id_channel_address"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "department_channels" ADD CONSTRAINT "uq_department_channels_department_id_channel_address" UNIQUE ("department_id", "channel", "address")`,
    );
  }
}
