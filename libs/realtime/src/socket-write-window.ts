import type { Socket as TcpSocket } from 'node:net';
import type { Server } from 'socket.io';

/** The parts of engine.io's WebSocket transport (6.6) this reaches into; checked at run time. */
interface WebSocketTransport extends NodeJS.EventEmitter {
  name: string;
  writable: boolean;
  perMessageDeflate: unknown;
  send(packets: EnginePacket[]): void;
  socket?: { _socket?: TcpSocket };
}

/** A broadcast's packet carries its WebSocket frame, made once for every socket (socket.io-adapter). */
interface EnginePacket {
  options?: { wsPreEncodedFrame?: Buffer[] };
}

/** Below this many frames a second the server writes everything at once: there is little CPU to save. */
export const BUSY_FRAMES_PER_SECOND = 10_000;

/**
 * Coalesces the writes of a busy socket.io server: the protocol is unchanged (every event is its own frame),
 * but a connection that gets events faster than one a window has each window's frames leave in one TCP write.
 *
 * Fanning an event out to 2,000 boards costs one `writev` per socket and event, about half the server's CPU at
 * 50 events/s (docs/benchmarks.md). So while the server writes more than `busyFramesPerSecond` frames (over
 * the last window), a connection written less than `windowMs` ago has its next frames held in its corked TCP
 * socket until the next release, at most `windowMs` later; one written longer ago than that is written at
 * once. A connection that gets an event now and then (a grid manager's phone) never waits; a board that gets 50
 * a second waits at most a window, and its frames of that window share one write. A server with little to
 * write holds nothing.
 *
 * Only WebSocket connections are coalesced; long-polling ones batch on their own.
 */
export class SocketWriteWindow {
  private timer: NodeJS.Timeout | null = null;
  /** The connections held until the next release, each with what releases it. */
  private readonly held = new Map<TcpSocket, () => void>();
  /** Frames sent since `countedSince`, and whether the window before that was busy. */
  private counted = 0;
  private countedSince = 0;
  private busy = false;

  constructor(
    private readonly windowMs: number,
    private readonly busyFramesPerSecond = BUSY_FRAMES_PER_SECOND,
  ) {}

  /** Coalesces every connection `server` accepts from now on; a window of 0 leaves the server as it is. */
  attach(server: Server): void {
    if (this.windowMs <= 0) return;
    server.engine.on('connection', (connection: NodeJS.EventEmitter & { transport: WebSocketTransport }) => {
      this.coalesce(connection.transport);
      connection.on('upgrade', (transport: WebSocketTransport) => this.coalesce(transport));
    });
  }

  /** Releases whatever is held and stops; later writes go at once. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.release();
  }

  private coalesce(transport: WebSocketTransport): void {
    const tcp = transport.name === 'websocket' ? transport.socket?._socket : undefined;
    if (typeof tcp?.cork !== 'function') return;
    const send = transport.send.bind(transport);
    let lastWriteAt = -Infinity;
    /** Broadcast frames held for this connection, in order. */
    let frames: Buffer[] = [];
    const writeFrames = () => {
      if (frames.length === 0) return;
      tcp.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
      frames = [];
    };
    transport.send = (packets) => {
      const now = performance.now();
      this.count(now, packets.length);
      if (!this.held.has(tcp)) {
        if (!this.busy || now - lastWriteAt >= this.windowMs) {
          lastWriteAt = now;
          send(packets);
          return;
        }
        tcp.cork();
        this.held.set(tcp, () => {
          writeFrames();
          // uncork() of a socket closed meanwhile is a no-op.
          tcp.uncork();
          lastWriteAt = performance.now();
        });
        this.timer ??= setTimeout(() => this.release(), this.windowMs).unref();
      }
      if (transport.perMessageDeflate == null && packets.every((p) => p.options?.wsPreEncodedFrame)) {
        // Broadcasts (most of what a board gets): keep the ready-made frames and write them as one buffer at
        // the release, instead of two stream writes and their callbacks per frame. No one waits on a
        // broadcast's write, so engine.io's 'drain' for this send can come now; writable stays true.
        for (const packet of packets) frames.push(...packet.options!.wsPreEncodedFrame!);
        transport.emit('drain');
        return;
      }
      // Anything else (an answer, a ping, a close) goes through engine.io, after the frames before it.
      writeFrames();
      send(packets);
      // The frame waits in the corked socket; let the next packet join it instead of waiting in engine.io's
      // own buffer for this write's callback (which comes only after the release).
      transport.writable = true;
    };
  }

  /** Counts frames sent; at each window's end, notes whether the server is busy enough to hold writes. */
  private count(now: number, frames: number): void {
    const elapsed = now - this.countedSince;
    if (elapsed >= this.windowMs) {
      this.busy = (this.counted * 1000) / elapsed >= this.busyFramesPerSecond;
      this.counted = 0;
      this.countedSince = now;
    }
    this.counted += frames;
  }

  private release(): void {
    this.timer = null;
    const held = [...this.held.values()];
    this.held.clear();
    for (const release of held) release();
  }
}
