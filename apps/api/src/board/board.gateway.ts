import { Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

/**
 * The live board's socket.io endpoint. Every event reaches browsers through the Redis streams adapter, from
 * BoardPublisher in any process; clients only listen. Rooms by role and scope come with sign-in.
 */
@WebSocketGateway()
export class BoardGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(BoardGateway.name);

  handleConnection(socket: Socket): void {
    this.logger.debug(`socket ${socket.id} connected from ${socket.handshake.address}`);
  }

  handleDisconnect(socket: Socket): void {
    this.logger.debug(`socket ${socket.id} disconnected`);
  }
}
