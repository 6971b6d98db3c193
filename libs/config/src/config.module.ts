import { Global, Module } from '@nestjs/common';
import { AppConfig, validateConfig } from './app-config';

/** Provides the validated AppConfig; validation runs once, when the module is created. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => validateConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
