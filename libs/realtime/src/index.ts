export * from './board-events';
export * from './board-publisher';
export * from './realtime.module';
export * from './redis-streams';
export * from './redis-streams-io.adapter';
export * from './socket-write-window';
