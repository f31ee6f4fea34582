export * from './board-rooms';
export * from './board.service';
export * from './board.module';
