import 'reflect-metadata';
import { validateEnv } from '@citygrid/config';
import { OutboxMessageEntity } from '@citygrid/queue';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

/**
 * Every entity of every feature. The apps find theirs through forFeature (autoLoadEntities); this list is for
 * the migration CLI, and test/e2e/migrations.e2e-spec.ts checks that it matches the schema the migrations build.
 */
export const ALL_ENTITIES = [OutboxMessageEntity];

/** The migration CLI's data source: `npm run migration:generate|run|revert`. */
export default new DataSource({
  ...databaseOptions(validateEnv(process.env), 'cli'),
  entities: ALL_ENTITIES,
});
