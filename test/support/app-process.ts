import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

const ENTRIES = {
  api: 'apps/api/src/main.js',
  worker: 'apps/worker/src/main.js',
  standalone: 'apps/standalone/src/main.js',
  'seed-demo': 'apps/standalone/src/seed-demo.js',
};

export type AppEntry = keyof typeof ENTRIES;

/**
 * A CityGrid entry point running as a child process from the build (`dist/`), the way production runs it.
 * Collects its output so a test can wait for a log line instead of sleeping.
 */
export class AppProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output = '';
  private readonly waiters = new Set<() => void>();

  constructor(entry: AppEntry, env: Record<string, string | undefined> = {}) {
    this.child = spawn(process.execPath, [join(ROOT, 'dist', ENTRIES[entry])], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const waiter of this.waiters) waiter();
    };
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.exited.then(() => this.waiters.forEach((waiter) => waiter()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first match of `pattern` in the output; rejects if the process exits or time runs out. */
  waitFor(pattern: RegExp, timeoutMs = 20000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      let done = false;
      const check = () => {
        if (done) return;
        const match = this.output.match(pattern);
        if (match) finish(() => resolve(match));
        else if (this.child.exitCode !== null || this.child.signalCode !== null)
          finish(() => reject(new Error(`process exited before ${pattern}:\n${this.output}`)));
      };
      const finish = (settle: () => void) => {
        done = true;
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.output}`))),
        timeoutMs,
      );
      this.waiters.add(check);
      check();
    });
  }

  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
