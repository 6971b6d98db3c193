import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';

/** The worker side of the transactional outbox: relays events to BullMQ. */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxModule {}
