export * from './catalogue-version';
export * from './major-classes';
export * from './matters';
export { SOURCE_DEFAULT, SOURCE_YUNCHENG, byClass, limit } from './condition-helpers';
