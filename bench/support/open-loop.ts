// Small helpers for the latency benchmarks: an open-loop load generator, percentiles, and CPU accounting from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Wall-clock time in epoch milliseconds with sub-millisecond resolution (comparable with Date.now() elsewhere). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface OpenLoopResult {
  count: number;
  /** Scheduled time of the first and the last request. */
  first: number;
  last: number;
  /** How late the generator fired requests behind their schedule (ms): p99 and max. */
  lagP99: number;
  lagMax: number;
}

/**
 * Fires `rate × seconds` requests on a fixed clock, without waiting for answers (open loop), so a slow
 * system meets the same arrivals as a fast one and queueing shows in the latency. Each request is given its
 * scheduled time: latency is measured from it, which leaves out no delay of the generator itself (no
 * coordinated omission). Resolves when every request has settled.
 */
export async function openLoop(
  rate: number,
  seconds: number,
  fire: (index: number, scheduled: number) => Promise<unknown>,
): Promise<OpenLoopResult> {
  const count = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const start = nowMs() + 5;
  const pending: Promise<unknown>[] = [];
  const lags: number[] = [];
  let index = 0;
  while (index < count) {
    const wait = start + index * interval - nowMs();
    if (wait > 0) await sleep(wait);
    const now = nowMs();
    while (index < count && start + index * interval <= now) {
      const scheduled = start + index * interval;
      lags.push(now - scheduled);
      pending.push(fire(index, scheduled).catch(() => undefined));
      index++;
    }
  }
  await Promise.all(pending);
  const sorted = lags.sort((a, b) => a - b);
  return {
    count,
    first: start,
    last: start + (count - 1) * interval,
    lagP99: percentile(sorted, 0.99),
    lagMax: sorted[sorted.length - 1] ?? 0,
  };
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Milliseconds for a table: one decimal below 10 ms, whole above; '–' for none. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

/** Linux's cumulative CPU ticks over all cores: [busy, steal, total]. Zeros where /proc is missing. */
export function machineTicks(): [busy: number, steal: number, total: number] {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = ticks[3]! + ticks[4]!;
    return [total - idle - ticks[7]!, ticks[7]!, total];
  } catch {
    return [0, 0, 0];
  }
}

/** CPU ticks (user + system) a process has used so far; 0 when it is gone or unreadable. */
export function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Pids of every process whose command name is `comm` (e.g. every postgres backend). */
export function pidsNamed(comm: string): number[] {
  const pids: number[] = [];
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) pids.push(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // not Linux
  }
  return pids;
}

/** Ticks per second of /proc's counters (USER_HZ); 100 on every mainstream Linux. */
export const TICKS_PER_SECOND = 100;

export interface CpuGroups {
  [name: string]: () => number[];
}

/**
 * CPU use of named groups of processes between `start()` and `stop()`, in cores (1.0 = one core busy), with
 * the machine's total busy share and the share stolen by a hypervisor.
 */
export class CpuMeter {
  private before = new Map<string, Map<number, number>>();
  private machine: [number, number, number] = [0, 0, 0];
  private started = 0;

  constructor(private readonly groups: CpuGroups) {}

  start(): void {
    this.started = nowMs();
    this.machine = machineTicks();
    this.before = new Map(
      Object.entries(this.groups).map(([name, pids]) => [
        name,
        new Map(pids().map((pid) => [pid, processTicks(pid)])),
      ]),
    );
  }

  /** Cores used per group, and the machine's busy and stolen fraction of all cores. */
  stop(): { cores: Record<string, number>; busy: number; steal: number; seconds: number } {
    const seconds = (nowMs() - this.started) / 1000;
    const cores: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      const before = this.before.get(name) ?? new Map<number, number>();
      let ticks = 0;
      for (const pid of pids()) ticks += processTicks(pid) - (before.get(pid) ?? 0);
      cores[name] = ticks / TICKS_PER_SECOND / seconds;
    }
    const [busy1, steal1, total1] = machineTicks();
    const [busy0, steal0, total0] = this.machine;
    const total = total1 - total0;
    return {
      cores,
      busy: total > 0 ? (busy1 - busy0) / total : 0,
      steal: total > 0 ? (steal1 - steal0) / total : 0,
      seconds,
    };
  }
}
