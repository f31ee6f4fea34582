import type { Queue } from 'bullmq';

export interface WaitForQueuesOptions {
  /** States that must reach zero; delayed jobs (timers) are left out by default. */
  states?: ('waiting' | 'active' | 'prioritized' | 'delayed' | 'waiting-children')[];
  /** Fail when nothing has moved for this long: a stuck worker shows fast instead of at the hard timeout. */
  stallMs?: number;
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Resolves when every queue has no job left in `states`. Rejects, with the counts, when the counts stop
 * changing for `stallMs` or when `timeoutMs` passes.
 */
export async function waitForQueues(queues: Queue[], options: WaitForQueuesOptions = {}): Promise<void> {
  const { states = ['waiting', 'active', 'prioritized', 'waiting-children'], stallMs = 5000 } = options;
  const { timeoutMs = 20000, pollMs = 25 } = options;
  const started = Date.now();
  let last = '';
  let lastChange = started;
  for (;;) {
    const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...states)));
    if (counts.every((byState) => Object.values(byState).every((n) => n === 0))) return;
    const snapshot = JSON.stringify(Object.fromEntries(queues.map((queue, i) => [queue.name, counts[i]])));
    const now = Date.now();
    if (snapshot !== last) {
      last = snapshot;
      lastChange = now;
    }
    if (now - lastChange > stallMs) throw new Error(`Queues stalled for ${stallMs} ms: ${snapshot}`);
    if (now - started > timeoutMs) throw new Error(`Queues not drained within ${timeoutMs} ms: ${snapshot}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
