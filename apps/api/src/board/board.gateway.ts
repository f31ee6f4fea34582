import { Logger } from '@nestjs/common';
import {
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { AuthErrorCode, AuthException, AuthService } from '@citygrid/auth';
import type { Principal } from '@citygrid/common';
import { Rooms } from '@citygrid/realtime';
import type { Server, Socket } from 'socket.io';

interface SocketData {
  principal: Principal;
}

/**
 * The live board's socket.io endpoint. A connection needs the same access token as the REST API
 * (`auth: { token }` in the handshake); a refused one gets `connect_error` with the error code as its message.
 * Every event reaches browsers through the Redis streams adapter, from BoardPublisher in any process; clients
 * only listen. Rooms by role and scope beyond the user's own come with the live board.
 */
@WebSocketGateway()
export class BoardGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(BoardGateway.name);

  constructor(private readonly auth: AuthService) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.['token'];
      const principal =
        typeof token === 'string' && token
          ? this.auth.principalOf(token)
          : Promise.reject(
              new AuthException(AuthErrorCode.TOKEN_MISSING, 'Send auth: { token } when connecting'),
            );
      principal.then(
        (signedIn) => {
          (socket.data as SocketData).principal = signedIn;
          next();
        },
        (error: Error) => {
          const code = error instanceof AuthException ? error.code : 'UNAUTHENTICATED';
          next(Object.assign(new Error(code), { data: { code, message: error.message } }));
        },
      );
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { principal } = socket.data as SocketData;
    await socket.join(Rooms.user(principal.id));
    this.logger.debug(
      `socket ${socket.id} of ${principal.username} connected from ${socket.handshake.address}`,
    );
  }

  handleDisconnect(socket: Socket): void {
    this.logger.debug(`socket ${socket.id} disconnected`);
  }
}
