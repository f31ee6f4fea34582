// The baseline of bench/board.bench.ts: a bare socket.io server in a process of its own, `new Server(port)` with
// socket.io's defaults, no authentication and no rooms. With BARE_IO_PREFIX set it also takes the Redis streams
// adapter, made by libs/realtime's createStreamsAdapter exactly as CityGrid's gateway makes it, so a publisher in
// another process reaches its sockets through Redis. Without it, the bench tells it over IPC what to broadcast.
// With BARE_IO_WRITE_WINDOW_MS it coalesces its writes with libs/realtime's SocketWriteWindow, as the api does.
import { Server } from 'socket.io';
import { validateEnv } from '../../libs/config/src/env.validation';
import { createStreamsAdapter } from '../../libs/realtime/src/redis-streams';
import { SocketWriteWindow } from '../../libs/realtime/src/socket-write-window';

export type BareServerCommand = { type: 'emit'; payload: unknown } | { type: 'close' };
export type BareServerReply = { type: 'listening'; port: number };

const port = Number(process.env.BARE_IO_PORT);
const prefix = process.env.BARE_IO_PREFIX;

const io = new Server(port);
new SocketWriteWindow(Number(process.env.BARE_IO_WRITE_WINDOW_MS ?? 0)).attach(io);
const redis = prefix
  ? (() => {
      const config = validateEnv({ REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: prefix });
      const streams = createStreamsAdapter(config, 'gateway');
      io.adapter(streams.adapter);
      return streams.redis;
    })()
  : null;

async function close(): Promise<void> {
  await io.close();
  if (redis) await redis.quit().catch(() => redis.disconnect());
  process.exit(0);
}

process.on('message', (command: BareServerCommand) => {
  if (command.type === 'emit') io.emit('case.changed', command.payload);
  else if (command.type === 'close') void close();
});
process.on('disconnect', () => void close());

const listening = (): void => void process.send!({ type: 'listening', port } satisfies BareServerReply);
if (io.httpServer.listening) listening();
else io.httpServer.once('listening', listening);
