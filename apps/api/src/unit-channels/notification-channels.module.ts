import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentSecretBox } from '@app/config';
import { NotificationsModule, reencryptChannelSecrets } from '@app/notifications';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';

/**
 * Per-department reminder channel settings, and test sends through the worker's own channel classes.
 * On start it moves stored channel secrets to the current encryption key (plaintext rows from before
 * encryption, or values under a previous key after a rotation).
 */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationChannelsController],
  providers: [NotificationChannelsService],
})
export class NotificationChannelsModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationChannelsModule.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const box = currentSecretBox();
    const result = await reencryptChannelSecrets(this.dataSource, box);
    if (result.rewritten > 0) this.logger.log(`channel secrets: ${result.rewritten} value(s) now encrypted under key ${box.currentKeyId}`);
    if (result.unreadable > 0) {
      this.logger.error(`channel secrets: ${result.unreadable} value(s) are under a key that is not configured; add it to SECRETS_ENCRYPTION_PREVIOUS_KEYS`);
    }
  }
}
