export * from './app-config';
export * from './config.module';
export * from './secret-box';
export * from './known-public-secrets';
