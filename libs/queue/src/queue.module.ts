import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueRegistry } from './queue-registry';
import { QueueWorkers } from './queue-workers';

/** Producers: the queues of the registry, for any app that adds jobs or reads queue state. */
@Global()
@Module({ providers: [QueueRegistry], exports: [QueueRegistry] })
export class QueueModule {}

/** The worker process: runs a BullMQ Worker per queue over the @HandlesJob providers. */
@Module({ imports: [QueueModule, DiscoveryModule], providers: [QueueWorkers], exports: [QueueWorkers] })
export class QueueWorkersModule {}
