import { validateEnv } from '@citygrid/config';
import { createStreamsAdapter, type StreamsAdapter } from '@citygrid/realtime';
import { connectBoardSocket, nextEvent } from '@citygrid/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/** A socket.io Server on the streams adapter, as the api's gateway has it, listening on a free port. */
async function gateway(streams: StreamsAdapter): Promise<{ io: Server; url: string }> {
  const http = createServer();
  const io = new Server(http, { adapter: streams.adapter });
  io.use((_socket, next) => void streams.reading.then(() => next()));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

describe('the Redis streams adapter between processes', () => {
  const opened: StreamsAdapter[] = [];
  const servers: Server[] = [];

  afterEach(async () => {
    // A publisher has no HTTP engine for Server.close(): its adapter is what holds Redis.
    await Promise.all(servers.splice(0).map((io) => (io.engine ? io.close() : io.of('/').adapter.close())));
    await Promise.all(opened.splice(0).map(({ redis }) => redis.quit().catch(() => redis.disconnect())));
  });

  it('delivers the first event published after a socket connected, wherever its reader is between reads', async () => {
    // The adapter reads from '$' until it gets an entry: with the bare adapter, an entry added between two
    // empty blocking reads was lost. Reads of 1 ms make that gap most of the time, and each round starts on a
    // stream of its own, empty, as after a deploy.
    for (let round = 0; round < 12; round++) {
      const config = validateEnv({
        REDIS_URL: process.env.REDIS_URL,
        REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}_round${round}`,
      });
      const reader = createStreamsAdapter(config, 'gateway', { blockTimeInMs: 1 });
      const writer = createStreamsAdapter(config, 'publisher', { blockTimeInMs: 1 });
      opened.push(reader, writer);
      const { io, url } = await gateway(reader);
      const publisher = new Server({ adapter: writer.adapter });
      servers.push(io, publisher);
      const socket = await connectBoardSocket(url, null);
      const correlationId = `round-${round}`;
      const pong = nextEvent(socket, 'system.pong', (event) => event.correlationId === correlationId, 3000);
      const at = new Date().toISOString();
      publisher.emit('system.pong', { correlationId, requestedAt: at, processedAt: at, worker: 'test' });
      await expect(pong).resolves.toMatchObject({ correlationId });
      socket.disconnect();
    }
  });

  it('lets a publisher that reads nothing reach the sockets, without reading the stream itself', async () => {
    const config = validateEnv({
      REDIS_URL: process.env.REDIS_URL,
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}_quiet`,
    });
    const reader = createStreamsAdapter(config, 'gateway');
    const writer = createStreamsAdapter(config, 'quiet-publisher', { read: false });
    opened.push(reader, writer);
    const { io, url } = await gateway(reader);
    const publisher = new Server({ adapter: writer.adapter });
    servers.push(io, publisher);
    const socket = await connectBoardSocket(url, null);
    for (const correlationId of ['first', 'second']) {
      const pong = nextEvent(socket, 'system.pong', (event) => event.correlationId === correlationId, 3000);
      const at = new Date().toISOString();
      publisher.emit('system.pong', { correlationId, requestedAt: at, processedAt: at, worker: 'test' });
      await expect(pong).resolves.toMatchObject({ correlationId });
    }
    socket.disconnect();

    // Every connection the adapters made carries its process's name; the publisher's never ran XREAD.
    const clients = (await reader.redis.client('LIST')) as string;
    const commands = (name: string) =>
      clients
        .split('\n')
        .filter((line) => line.includes(` name=citygrid:socket.io-${name} `))
        .map((line) => /\bcmd=(\S+)/.exec(line)?.[1]);
    expect(commands('gateway')).toContain('xread');
    expect(commands('quiet-publisher').length).toBeGreaterThan(0);
    expect(commands('quiet-publisher')).not.toContain('xread');
  });
});
