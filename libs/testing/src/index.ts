export * from './test-database';
export * from './test-run';
export * from './redis-keys';
export * from './wait-for-queues';
export * from './board-socket';
export * from './jittered-tiling';
