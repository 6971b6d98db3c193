export * from './data-source-options';
export * from './database.module';
export * from './snake-naming.strategy';
export * from './violated-constraint';
export * from './statements-together';
export * from './audit-writer';
