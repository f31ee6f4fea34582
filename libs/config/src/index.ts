export * from './env.validation';
export * from './config.module';
