export * from './job-handler';
export * from './job-options';
export * from './queue-names';
export * from './queue-registry';
export * from './queue-workers';
export * from './queue.module';
export * from './redis-connection';
export * from './scheduled-jobs';
