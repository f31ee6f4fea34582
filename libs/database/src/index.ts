export * from './database.module';
export * from './database-options';
export * from './migrate';
// data-source.ts is the migration CLI's entry and stays out of this index: it imports every feature's
// entities, and features import this lib.
export * from './prepare-services';
