import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { AppConfig } from '@citygrid/config';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { createStreamsAdapter } from './redis-streams';
import { SocketWriteWindow } from './socket-write-window';

/** Nest's socket.io adapter with the Redis streams adapter attached, so every api process reaches every browser. */
export class RedisStreamsIoAdapter extends IoAdapter {
  private readonly connections: Redis[] = [];
  private readonly writeWindows: SocketWriteWindow[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const { redis, adapter, reading } = createStreamsAdapter(this.config, 'gateway');
    this.connections.push(redis);
    server.adapter(adapter);
    // A socket is let in only once this process reads the stream from a fixed entry, so it gets every event
    // published after it connected (what came before, board.sync gives it).
    server.use((_socket, next) => void reading.then(() => next()));
    const writeWindow = new SocketWriteWindow(this.config.BOARD_WRITE_WINDOW_MS);
    writeWindow.attach(server);
    this.writeWindows.push(writeWindow);
    return server;
  }

  override async close(server: Server): Promise<void> {
    this.writeWindows.forEach((writeWindow) => writeWindow.close());
    await super.close(server);
    await Promise.all(this.connections.map((redis) => redis.quit().catch(() => redis.disconnect())));
  }
}
