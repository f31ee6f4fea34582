import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@citygrid/config';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { BoardEventMap, BoardEventName, BoardEventPayload } from './board-events';
import { createStreamsAdapter } from './redis-streams';

/**
 * The one door for pushing events to browsers, from any process. It is a socket.io Server with no HTTP
 * listener on the shared streams adapter: what it emits to a room travels through Redis to every api
 * process, which delivers it to its sockets in that room. The worker never calls the api over HTTP.
 */
@Injectable()
export class BoardPublisher implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly server: Server<Record<string, never>, BoardEventMap>;

  constructor(config: AppConfig) {
    const { redis, adapter } = createStreamsAdapter(config, 'publisher', { read: false });
    this.redis = redis;
    this.server = new Server({ adapter });
  }

  /** Emits to every socket in `rooms`, but those also in one of `except`. */
  emit<E extends BoardEventName>(
    rooms: string | string[],
    event: E,
    payload: BoardEventPayload<E>,
    except: string[] = [],
  ): void {
    const args = [payload] as Parameters<BoardEventMap[E]>;
    this.server
      .to(rooms)
      .except(except)
      .emit(event, ...args);
  }

  /** Closes every socket in a room, on every api process (a session that ended, a user disabled). */
  disconnect(room: string): void {
    this.server.in(room).disconnectSockets(true);
  }

  async onApplicationShutdown(): Promise<void> {
    // Server.close() assumes an HTTP engine; this server has none, so close its adapter directly.
    await this.server.of('/').adapter.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
