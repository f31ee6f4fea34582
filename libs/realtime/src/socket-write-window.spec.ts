import { createServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { SocketWriteWindow } from './socket-write-window';

/** One client of the test server: its socket on each side, the server's TCP writes to it and what it got. */
interface Peer {
  client: ClientSocket;
  socket: ServerSocket;
  writes: { count: number };
  received: number[];
  receivedCount(count: number): Promise<void>;
}

/** Counts the TCP socket's writes to the kernel: every call of _write or _writev is one. */
function countWrites(tcp: TcpSocket): { count: number } {
  const writes = { count: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = tcp[method] as (...args: unknown[]) => void;
    (tcp as unknown as Record<string, unknown>)[method] = function (this: TcpSocket, ...args: unknown[]) {
      writes.count++;
      return original.apply(this, args);
    };
  }
  return writes;
}

/** A real socket.io server with the window and `clients` real clients over loopback. */
async function start(windowMs: number, clients = 1, busyFramesPerSecond = 0) {
  const http = createServer();
  const server = new Server(http);
  const writeWindow = new SocketWriteWindow(windowMs, busyFramesPerSecond);
  writeWindow.attach(server);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const peers: Peer[] = [];
  for (let i = 0; i < clients; i++) {
    const accepted = new Promise<ServerSocket>((resolve) => server.once('connection', resolve));
    const client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const socket = await accepted;
    await new Promise<void>((resolve) => (client.connected ? resolve() : client.once('connect', resolve)));
    const transport = socket.conn.transport as unknown as { socket: { _socket: TcpSocket } };
    const received: number[] = [];
    const waiters: Array<{ count: number; resolve: () => void }> = [];
    client.on('e', (seq: number) => {
      received.push(seq);
      for (const waiter of waiters) if (received.length >= waiter.count) waiter.resolve();
    });
    peers.push({
      client,
      socket,
      writes: countWrites(transport.socket._socket),
      received,
      receivedCount: (count) =>
        new Promise<void>((resolve) => {
          if (received.length >= count) resolve();
          else waiters.push({ count, resolve });
        }),
    });
  }

  const stop = async () => {
    peers.forEach((peer) => peer.client.close());
    writeWindow.close();
    await server.close();
  };
  return { server, peers, stop };
}

/** Emits from…to to `target`, each in its own turn of the event loop, as events come in from Redis. */
function emitInTurns(target: Pick<Server, 'emit'>, from: number, to: number): Promise<void> {
  return new Promise((resolve) => {
    const next = (seq: number) =>
      setImmediate(() => {
        target.emit('e', seq);
        if (seq < to) next(seq + 1);
        else resolve();
      });
    next(from);
  });
}

/** Lets a window pass without waiting for it: the window's clock and timers are fake, the sockets are real. */
const WINDOW_MS = 500;
const passWindow = () => jest.advanceTimersByTime(WINDOW_MS);

describe('SocketWriteWindow', () => {
  let running: Awaited<ReturnType<typeof start>> | undefined;
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    jest.useRealTimers();
  });

  it('writes to a connection quiet for a window at once, and holds what follows within the window for one write', async () => {
    running = await start(WINDOW_MS);
    const [peer] = running.peers as [Peer];
    passWindow(); // since the handshake's write
    const before = peer.writes.count;
    running.server.emit('e', 1);
    // At once: written before emit() returned.
    expect(peer.writes.count).toBe(before + 1);

    await emitInTurns(running.server, 2, 5);
    await peer.receivedCount(1);
    // Held: nothing more has gone to the kernel yet.
    expect(peer.writes.count).toBe(before + 1);
    expect(peer.received).toEqual([1]);

    passWindow();
    await peer.receivedCount(5);
    expect(peer.received).toEqual([1, 2, 3, 4, 5]);
    expect(peer.writes.count).toBe(before + 2);
  });

  it('holds only the busy connections: a quiet one is written at once meanwhile', async () => {
    running = await start(WINDOW_MS, 2);
    const [busy, quiet] = running.peers as [Peer, Peer];
    passWindow();
    await emitInTurns(busy.socket, 1, 3);
    const quietBefore = quiet.writes.count;
    quiet.socket.emit('e', 10);
    expect(quiet.writes.count).toBe(quietBefore + 1);
    await quiet.receivedCount(1);
    expect(busy.received).toEqual([1]);

    passWindow();
    await busy.receivedCount(3);
    expect(busy.received).toEqual([1, 2, 3]);
    expect(quiet.received).toEqual([10]);
  });

  it('holds nothing while the server writes fewer frames a second than it takes to be busy', async () => {
    // Ten frames within a window of 500 ms are 20 a second, fewer than 1,000.
    running = await start(WINDOW_MS, 1, 1000);
    const [peer] = running.peers as [Peer];
    passWindow();
    const before = peer.writes.count;
    await emitInTurns(running.server, 1, 10);
    passWindow();
    await emitInTurns(running.server, 11, 20);
    expect(peer.writes.count).toBe(before + 20);
    await peer.receivedCount(20);
  });

  it('with a window of 0 writes every event at once', async () => {
    running = await start(0);
    const [peer] = running.peers as [Peer];
    const before = peer.writes.count;
    running.server.emit('e', 1);
    await emitInTurns(running.server, 2, 5);
    expect(peer.writes.count).toBe(before + 5);
    await peer.receivedCount(5);
    expect(peer.received).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers a client that asks while its writes are held, after the events before the answer', async () => {
    running = await start(WINDOW_MS);
    const [peer] = running.peers as [Peer];
    let asked!: () => void;
    const askedNow = new Promise<void>((resolve) => (asked = resolve));
    peer.socket.on('ask', (question: string, answer: (reply: string) => void) => {
      answer(`re: ${question}`);
      asked();
    });
    const seen: string[] = [];
    peer.client.on('e', (seq: number) => seen.push(`e${seq}`));
    passWindow();
    running.server.emit('e', 1);
    await emitInTurns(running.server, 2, 3);
    // A callback, not emitWithAck: a promise would note the answer a microtask late, after e4.
    const answer = new Promise<void>((resolve) =>
      peer.client.emit('ask', 'x', (reply: string) => {
        seen.push(reply);
        resolve();
      }),
    );
    await askedNow;
    running.server.emit('e', 4);
    passWindow();
    await answer;
    await peer.receivedCount(4);
    expect(seen).toEqual(['e1', 'e2', 'e3', 're: x', 'e4']);
  });
});
