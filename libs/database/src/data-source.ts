import 'reflect-metadata';
import { AREA_ENTITIES } from '@citygrid/areas';
import { AuthSessionEntity } from '@citygrid/auth';
import { CALENDAR_ENTITIES } from '@citygrid/calendar';
import { CASE_ENTITIES } from '@citygrid/cases';
import { CATALOGUE_ENTITIES } from '@citygrid/catalogue';
import { validateEnv } from '@citygrid/config';
import { DepartmentEntity } from '@citygrid/departments';
import { NoticeEntity } from '@citygrid/notifications';
import { OutboxMessageEntity } from '@citygrid/queue';
import { RoutingRuleEntity } from '@citygrid/routing';
import { UserEntity } from '@citygrid/users';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

/**
 * Every entity of every feature. The apps find theirs through forFeature (autoLoadEntities); this list is for
 * the migration CLI, and test/e2e/migrations.e2e-spec.ts checks that it matches the schema the migrations build.
 */
export const ALL_ENTITIES = [
  OutboxMessageEntity,
  DepartmentEntity,
  UserEntity,
  AuthSessionEntity,
  ...AREA_ENTITIES,
  ...CATALOGUE_ENTITIES,
  ...CALENDAR_ENTITIES,
  RoutingRuleEntity,
  ...CASE_ENTITIES,
  NoticeEntity,
];

/** The migration CLI's data source: `npm run migration:generate|run|revert`. */
export default new DataSource({
  ...databaseOptions(validateEnv(process.env), 'cli'),
  entities: ALL_ENTITIES,
});
