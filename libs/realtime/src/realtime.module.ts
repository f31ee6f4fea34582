import { Global, Module } from '@nestjs/common';
import { BoardPublisher } from './board-publisher';

@Global()
@Module({ providers: [BoardPublisher], exports: [BoardPublisher] })
export class RealtimeModule {}
