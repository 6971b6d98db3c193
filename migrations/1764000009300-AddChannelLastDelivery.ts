import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A department channel's last delivery result (通知渠道「最近发送」): read from what the test send (audit_log) and the
 * worker (reminders, notice_reminders, event_deliveries) record. Event deliveries gain the time of their last
 * attempt (a failure had none); indexes let the list find each channel's latest attempt without a scan.
 */
export class AddChannelLastDelivery1764000009300 implements MigrationInterface {
  name = 'AddChannelLastDelivery1764000009300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_deliveries" ADD "last_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "event_deliveries" SET "last_attempt_at" = "sent_at" WHERE "sent_at" IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "idx_event_deliveries_channel_attempted" ON "event_deliveries" ("department_channel_id", "last_attempt_at") WHERE "last_attempt_at" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_reminders_recipient_attempted" ON "reminders" ("recipient_key", "updated_at") WHERE "attempts" > 0`);
    await queryRunner.query(`CREATE INDEX "idx_notice_reminders_recipient_attempted" ON "notice_reminders" ("recipient_key", "updated_at") WHERE "attempts" > 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_notice_reminders_recipient_attempted"`);
    await queryRunner.query(`DROP INDEX "idx_reminders_recipient_attempted"`);
    await queryRunner.query(`DROP INDEX "idx_event_deliveries_channel_attempted"`);
    await queryRunner.query(`ALTER TABLE "event_deliveries" DROP COLUMN "last_attempt_at"`);
  }
}
