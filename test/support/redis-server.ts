import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port on the loopback interface that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address !== 'string' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A private `redis-server` (on PATH) run as a child process, without persistence, so a test may stop and start
 * it without disturbing the Redis the other test files share. Restarting on the same port gives an empty Redis,
 * as a production Redis without persistence would come back.
 */
export class RedisServer {
  private child: ChildProcessWithoutNullStreams | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(readonly port: number) {}

  /** Starts a Redis on a free port and resolves once it accepts connections. */
  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** (Re)starts the server on its port; resolves once it says it is ready to accept connections. */
  async start(timeoutMs = 10_000): Promise<void> {
    if (this.child) throw new Error(`redis-server on ${this.port} is running already`);
    const child = spawn('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'no',
    ]);
    this.child = child;
    let log = '';
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!error) return resolve();
        child.kill('SIGKILL');
        reject(error);
      };
      const fail = (why: string) => settle(new Error(`redis-server on port ${this.port}: ${why}\n${log}`));
      const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
      const collect = (chunk: Buffer) => {
        log += chunk.toString();
        if (/Ready to accept connections/.test(log)) settle();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('error', (error) => fail(error.message));
      child.once('exit', (code, signal) => fail(`exited (${code ?? signal})`));
    });
  }

  /** Stops the server (SIGKILL by default: no goodbye to its clients) and resolves once it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.child?.kill(signal);
    await this.exited;
  }
}
