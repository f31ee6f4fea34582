import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, validateEnv } from './env.validation';

/**
 * Validated configuration for every app. `AppConfig` is the checked, typed environment; inject it instead of
 * reading process.env.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnv })],
  providers: [{ provide: AppConfig, useFactory: () => validateEnv(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
