import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { AuthErrorCode, AuthException, AuthService } from '@citygrid/auth';
import { BoardService, roomsOfScope } from '@citygrid/board';
import { CaseScopeService, type CaseScope } from '@citygrid/cases';
import type { Principal } from '@citygrid/common';
import { Rooms, type BoardCountsEvent, type BoardSyncResult } from '@citygrid/realtime';
import type { Server, Socket } from 'socket.io';

interface SocketData {
  principal: Principal;
  scope: CaseScope;
  expiresAt: Date;
}

/** City-wide counts go to the `board` room this often, from every api process to its own sockets. */
const COUNTS_EVERY_MS = 5000;
/** The longest a timer may wait (setTimeout's limit); tokens last minutes, so this never bites in practice. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The largest change cursor there can be: cases.change_seq is a bigint. */
const MAX_SEQ = 2n ** 63n - 1n;

/**
 * The live board's socket.io endpoint (DESIGN.md §7). A connection needs the same access token as the REST API
 * (`auth: { token }`); a refused one gets `connect_error` with the error code as its message. The server joins
 * each socket to the rooms of its user's case scope; there is no way to join a room by asking, and nothing a
 * client sends is passed on to anyone. The socket is closed when its token expires, and at once when its
 * session ends or its user changes (logout, disable, new roles or scope), on every api process.
 */
@WebSocketGateway()
export class BoardGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown
{
  private readonly logger = new Logger(BoardGateway.name);
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private countsTimer: NodeJS.Timeout | null = null;
  @WebSocketServer() private readonly server: Server;

  constructor(
    private readonly auth: AuthService,
    private readonly board: BoardService,
    private readonly scopes: CaseScopeService,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.admit(socket).then(
        () => next(),
        (error: Error) => {
          const refused = error instanceof AuthException;
          if (!refused) this.logger.warn(`socket refused: ${error.message}`);
          const code = refused ? error.code : 'UNAUTHENTICATED';
          const message = refused ? error.message : 'Could not check the token; try again';
          next(Object.assign(new Error(code), { data: { code, message } }));
        },
      );
    });
    this.countsTimer = setInterval(() => void this.pushCounts(), COUNTS_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    if (this.countsTimer) clearInterval(this.countsTimer);
    this.expiries.forEach(clearTimeout);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { principal, scope, expiresAt } = socket.data as SocketData;
    await socket.join(roomsOfScope(principal, scope));
    const expiry = setTimeout(
      () => socket.disconnect(true),
      Math.min(Math.max(0, expiresAt.getTime() - Date.now()), MAX_TIMER_MS),
    ).unref();
    this.expiries.set(socket.id, expiry);
    this.logger.debug(
      `socket ${socket.id} of ${principal.username} connected from ${socket.handshake.address}`,
    );
  }

  handleDisconnect(socket: Socket): void {
    clearTimeout(this.expiries.get(socket.id));
    this.expiries.delete(socket.id);
    this.logger.debug(`socket ${socket.id} disconnected`);
  }

  /** What the client missed since the cursor it last saw, in its own scope; or `reload` when too far behind. */
  @SubscribeMessage('board.sync')
  sync(socket: Socket, request: { sinceVersion?: unknown } | undefined): Promise<BoardSyncResult> {
    const since = String(request?.sinceVersion ?? '0');
    const { scope } = socket.data as SocketData;
    // Anything but a bigint (change_seq's type) is no cursor: 19 digits can still exceed the largest one.
    const readable = /^\d{1,19}$/.test(since) && BigInt(since) <= MAX_SEQ;
    return this.oneAtATime(socket, () => this.board.sync(scope, readable ? since : '0'));
  }

  /** The counts of the client's own scope, on demand. */
  @SubscribeMessage('board.counts')
  counts(socket: Socket): Promise<BoardCountsEvent> {
    return this.oneAtATime(socket, () => this.board.counts((socket.data as SocketData).scope));
  }

  /** A socket's requests run one after another, so one client cannot take the database pool by flooding. */
  private oneAtATime<T>(socket: Socket, request: () => Promise<T>): Promise<T> {
    const data = socket.data as SocketData & { queue?: Promise<unknown> };
    const answer = (data.queue ?? Promise.resolve()).catch(() => undefined).then(request);
    data.queue = answer;
    return answer;
  }

  /** Checks the handshake's token and keeps who the socket is, its scope and when its token expires. */
  private async admit(socket: Socket): Promise<void> {
    const token: unknown = socket.handshake.auth?.['token'];
    if (typeof token !== 'string' || !token) {
      throw new AuthException(AuthErrorCode.TOKEN_MISSING, 'Send auth: { token } when connecting');
    }
    const principal = await this.auth.principalOf(token);
    const data: SocketData = {
      principal,
      scope: await this.scopes.scopeOf(principal),
      expiresAt: this.auth.expiryOf(token),
    };
    Object.assign(socket.data as object, data);
  }

  private async pushCounts(): Promise<void> {
    if (!this.server.of('/').adapter.rooms.get(Rooms.board)?.size) return;
    try {
      this.server.local.to(Rooms.board).emit('board.counts', await this.board.counts({ all: true }));
    } catch (error) {
      this.logger.warn(`board.counts not sent: ${(error as Error).message}`);
    }
  }
}
