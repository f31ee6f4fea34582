import type { Socket as TcpSocket } from 'node:net';
import type { Server } from 'socket.io';

/** The parts of engine.io's WebSocket transport (6.6) this reaches into; checked at run time. */
interface WebSocketTransport {
  name: string;
  writable: boolean;
  send(packets: unknown[]): void;
  socket?: { _socket?: TcpSocket };
}

/**
 * Coalesces the writes of a busy socket.io server: the protocol is unchanged (every event is its own frame),
 * but while events keep coming, each connection's frames of one window leave in one TCP write.
 *
 * Fanning an event out to 2,000 boards costs one `writev` per socket and event, about half the server's CPU at
 * 50 events/s (docs/benchmarks.md). So: the first write after a quiet spell goes at once, with everything
 * written in the same turn of the event loop (the whole broadcast). From the next turn, writes are held in
 * each connection's corked TCP socket and released together every `windowMs`; a window with no writes ends
 * the busy spell. No frame waits longer than `windowMs`, and a quiet board waits for nothing.
 *
 * Only WebSocket connections are coalesced; long-polling ones batch on their own.
 */
export class SocketWriteWindow {
  private busy = false;
  private busySoon = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly corked = new Set<TcpSocket>();

  constructor(private readonly windowMs: number) {}

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
    this.timer = null;
    this.releaseAll();
    this.busy = false;
  }

  private coalesce(transport: WebSocketTransport): void {
    const tcp = transport.name === 'websocket' ? transport.socket?._socket : undefined;
    if (typeof tcp?.cork !== 'function') return;
    const send = transport.send.bind(transport);
    transport.send = (packets) => {
      if (!this.busy) {
        send(packets);
        this.startBusySpell();
        return;
      }
      if (!this.corked.has(tcp)) {
        tcp.cork();
        this.corked.add(tcp);
      }
      send(packets);
      // The frame waits in the corked socket; let the next packet join it instead of waiting in engine.io's
      // own buffer for this write's callback (which comes only after the release).
      transport.writable = true;
    };
  }

  /** After this turn of the event loop, hold writes until the next release. */
  private startBusySpell(): void {
    if (this.busySoon || this.timer) return;
    this.busySoon = true;
    setImmediate(() => {
      this.busySoon = false;
      this.busy = true;
      this.timer = setTimeout(this.release, this.windowMs).unref();
    });
  }

  private readonly release = (): void => {
    const wrote = this.corked.size > 0;
    this.releaseAll();
    if (wrote) {
      this.timer = setTimeout(this.release, this.windowMs).unref();
    } else {
      this.timer = null;
      this.busy = false;
    }
  };

  private releaseAll(): void {
    // uncork() of a socket closed meanwhile is a no-op.
    for (const tcp of this.corked) tcp.uncork();
    this.corked.clear();
  }
}
