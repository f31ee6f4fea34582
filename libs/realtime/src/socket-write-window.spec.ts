import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { SocketWriteWindow } from './socket-write-window';

/** A real socket.io server and client on loopback; the server's TCP writes to the client are counted. */
async function startPair(windowMs: number) {
  const http: HttpServer = createServer();
  const server = new Server(http);
  const writeWindow = new SocketWriteWindow(windowMs);
  writeWindow.attach(server);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const connected = new Promise<TcpSocket>((resolve) =>
    server.on('connection', (socket) => {
      const transport = socket.conn.transport as unknown as { socket: { _socket: TcpSocket } };
      resolve(transport.socket._socket);
    }),
  );
  const client: ClientSocket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const tcp = await connected;
  await new Promise<void>((resolve) => (client.connected ? resolve() : client.once('connect', resolve)));

  // Every call of _write or _writev is one write to the kernel.
  const writes = { count: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = tcp[method] as (...args: unknown[]) => void;
    (tcp as unknown as Record<string, unknown>)[method] = function (this: TcpSocket, ...args: unknown[]) {
      writes.count++;
      return original.apply(this, args);
    };
  }

  const received: number[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  client.on('e', (seq: number) => {
    received.push(seq);
    for (const waiter of waiters) if (received.length >= waiter.count) waiter.resolve();
  });
  const receivedCount = (count: number) =>
    new Promise<void>((resolve) => {
      if (received.length >= count) resolve();
      else waiters.push({ count, resolve });
    });

  const stop = async () => {
    client.close();
    writeWindow.close();
    await server.close();
  };
  return { server, client, writes, received, receivedCount, stop };
}

/** Emits 2…n, each in its own turn of the event loop, as events come in from Redis one by one. */
function emitInTurns(server: Server, from: number, to: number): Promise<void> {
  return new Promise((resolve) => {
    const next = (seq: number) =>
      setImmediate(() => {
        server.emit('e', seq);
        if (seq < to) next(seq + 1);
        else resolve();
      });
    next(from);
  });
}

/** Lets the window pass without waiting for it: the window's timers are fake, the sockets are real. */
const WINDOW_MS = 500;
const passWindow = () => jest.advanceTimersByTime(WINDOW_MS);

describe('SocketWriteWindow', () => {
  let pair: Awaited<ReturnType<typeof startPair>> | undefined;
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(async () => {
    await pair?.stop();
    pair = undefined;
    jest.useRealTimers();
  });

  /** The handshake's own writes started a busy spell; a window with writes and one without end it. */
  const quiet = () => {
    passWindow();
    passWindow();
  };

  it('writes the first event after a quiet spell at once, and the events that follow within the window in one write', async () => {
    pair = await startPair(WINDOW_MS);
    quiet();
    const before = pair.writes.count;
    pair.server.emit('e', 1);
    // At once: written before emit() returned.
    expect(pair.writes.count).toBe(before + 1);

    await emitInTurns(pair.server, 2, 5);
    await pair.receivedCount(1);
    // Held: nothing more has gone to the kernel yet.
    expect(pair.writes.count).toBe(before + 1);
    expect(pair.received).toEqual([1]);

    passWindow();
    await pair.receivedCount(5);
    expect(pair.received).toEqual([1, 2, 3, 4, 5]);
    expect(pair.writes.count).toBe(before + 2);
  });

  it('with a window of 0 writes every event at once', async () => {
    pair = await startPair(0);
    const before = pair.writes.count;
    pair.server.emit('e', 1);
    await emitInTurns(pair.server, 2, 5);
    expect(pair.writes.count).toBe(before + 5);
    await pair.receivedCount(5);
    expect(pair.received).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers a client that asks while writes are held', async () => {
    pair = await startPair(WINDOW_MS);
    quiet();
    let asked!: () => void;
    const askedNow = new Promise<void>((resolve) => (asked = resolve));
    for (const socket of pair.server.of('/').sockets.values()) {
      socket.on('ask', (question: string, answer: (reply: string) => void) => {
        answer(`re: ${question}`);
        asked();
      });
    }
    pair.server.emit('e', 1);
    await emitInTurns(pair.server, 2, 3);
    const answer = pair.client.emitWithAck('ask', 'x');
    await askedNow;
    passWindow();
    await expect(answer).resolves.toBe('re: x');
    await pair.receivedCount(3);
    expect(pair.received).toEqual([1, 2, 3]);
  });
});
