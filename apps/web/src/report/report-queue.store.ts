import { api } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { CaseDetail } from '../api/api-types';
import type { ReportFields } from '../api/report-types';
import { sessionStore } from '../auth/session.store';
import { openReportQueueDb } from './report-queue.db';
import { newIdempotencyKey, outcomeOf, retryDelayMs } from './report-retry';

/**
 * The inspector's outbox. Every report goes through it: it is written to IndexedDB with its downscaled photos
 * and its Idempotency-Key before the first try, so a report made with no network, a server answering 5xx or
 * an answer lost on the way is kept and sent again with the SAME key, which the server answers with the one
 * case it made (docs/cases.md). Tries again when the browser comes back online, when the page is shown
 * again, every little while (5 s, 15 s, 30 s, then every minute) and when asked. Reports belong to the user
 * who made them: only theirs are shown and sent.
 */
export type QueueState = 'sending' | 'waiting' | 'failed' | 'sent';

export interface QueuedPhoto {
  name: string;
  blob: Blob;
}

export interface QueuedReport {
  /** The Idempotency-Key, made once for this report. */
  key: string;
  userId: string;
  fields: ReportFields;
  photos: QueuedPhoto[];
  /** What the list shows. */
  summary: { matterZh: string; matterEn: string; place: string | null };
  createdAt: string;
  attempts: number;
  state: QueueState;
  lastError: { status: number; code: string; message: string } | null;
  lastTriedAt: string | null;
  caseId?: string;
  caseNumber?: string;
}

/** Sent reports stay listed for the tab's life, the newest this many. */
const KEEP_SENT = 20;

class ReportQueue {
  private items: readonly QueuedReport[] = [];
  private loaded = false;
  private started: Promise<void> | null = null;
  private flushing = false;
  private flushAgain = false;
  private failuresInARow = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly db = openReportQueueDb<QueuedReport>();
  private readonly listeners = new Set<() => void>();

  readonly get = (): readonly QueuedReport[] => this.items;
  readonly isLoaded = (): boolean => this.loaded;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    void this.start();
    return () => this.listeners.delete(listener);
  };

  /** Reads what an earlier visit left and starts listening for a way back online. Once per tab. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const saved = await this.db.all().catch(() => [] as QueuedReport[]);
      // A try cut short by a closed tab is simply waiting: the same key makes a second try harmless.
      const restored = saved
        .map((item) => (item.state === 'sending' ? { ...item, state: 'waiting' as const } : item))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const known = new Set(this.items.map((item) => item.key));
      this.items = [...restored.filter((item) => !known.has(item.key)), ...this.items];
      this.loaded = true;
      this.emit();
      window.addEventListener('online', () => void this.flush());
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void this.flush();
      });
      // Another user signing in on this tab: their own reports may be waiting.
      sessionStore.subscribe(() => void this.flush());
      void this.flush();
    })();
    return this.started;
  }

  /** Queues a new report under a fresh key and tries to send it at once. */
  async submit(
    fields: ReportFields,
    photos: QueuedPhoto[],
    summary: QueuedReport['summary'],
  ): Promise<QueuedReport> {
    const userId = sessionStore.get()?.user.id;
    if (!userId) throw new Error('not signed in');
    const item: QueuedReport = {
      key: newIdempotencyKey(),
      userId,
      fields,
      photos,
      summary,
      createdAt: new Date().toISOString(),
      attempts: 0,
      state: 'waiting',
      lastError: null,
      lastTriedAt: null,
    };
    // Stored before the first try; memory alone holds it when IndexedDB cannot.
    await this.db.put(item).catch(() => undefined);
    this.update(item);
    return (await this.send(item.key)) ?? item;
  }

  /** Sends every waiting report of the signed-in user, one after another. */
  async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    clearTimeout(this.timer);
    try {
      do {
        this.flushAgain = false;
        for (const item of this.mine().filter((report) => report.state === 'waiting')) {
          await this.send(item.key);
        }
      } while (this.flushAgain);
    } finally {
      this.flushing = false;
      this.scheduleRetry();
    }
  }

  /** Forgets a report that will not be sent (refused by the server, or given up by the user). */
  async discard(key: string): Promise<void> {
    const item = this.find(key);
    if (!item || item.state === 'sending') return;
    await this.db.remove(key).catch(() => undefined);
    this.items = this.items.filter((report) => report.key !== key);
    this.emit();
  }

  private mine(): QueuedReport[] {
    const userId = sessionStore.get()?.user.id;
    return userId ? this.items.filter((item) => item.userId === userId) : [];
  }

  private find(key: string): QueuedReport | undefined {
    return this.items.find((item) => item.key === key);
  }

  private async send(key: string): Promise<QueuedReport | undefined> {
    const item = this.find(key);
    if (!item || item.state === 'sending' || item.state === 'sent') return item;
    if (item.userId !== sessionStore.get()?.user.id) return item;
    this.update({
      ...item,
      state: 'sending',
      attempts: item.attempts + 1,
      lastTriedAt: new Date().toISOString(),
    });

    const form = new FormData();
    for (const [name, value] of Object.entries(item.fields)) {
      if (value !== undefined && value !== '') form.append(name, String(value));
    }
    item.photos.forEach((photo) => form.append('photos', photo.blob, photo.name));
    try {
      const detail = await api.postForm<CaseDetail>('/api/v1/cases', form, { 'idempotency-key': item.key });
      this.failuresInARow = 0;
      await this.db.remove(key).catch(() => undefined);
      const sent: QueuedReport = {
        ...this.find(key)!,
        state: 'sent',
        lastError: null,
        caseId: detail.id,
        caseNumber: detail.number,
        photos: [], // the server has them now
      };
      this.update(sent);
      this.trimSent();
      return sent;
    } catch (error) {
      const retry = outcomeOf(error) === 'retry';
      if (retry) this.failuresInARow += 1;
      const failed: QueuedReport = {
        ...this.find(key)!,
        state: retry ? 'waiting' : 'failed',
        lastError:
          error instanceof ApiError
            ? { status: error.status, code: error.code, message: error.fullMessage }
            : { status: 0, code: 'ERROR', message: String(error) },
      };
      this.update(failed);
      await this.db.put(failed).catch(() => undefined);
      if (retry && !this.flushing) this.scheduleRetry();
      return failed;
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.timer);
    if (!this.mine().some((item) => item.state === 'waiting')) return;
    this.timer = setTimeout(() => void this.flush(), retryDelayMs(this.failuresInARow));
  }

  private trimSent(): void {
    const sent = this.items.filter((item) => item.state === 'sent');
    if (sent.length <= KEEP_SENT) return;
    const dropped = new Set(sent.slice(0, sent.length - KEEP_SENT).map((item) => item.key));
    this.items = this.items.filter((item) => !dropped.has(item.key));
    this.emit();
  }

  private update(item: QueuedReport): void {
    const at = this.items.findIndex((report) => report.key === item.key);
    this.items = at < 0 ? [...this.items, item] : this.items.map((report, i) => (i === at ? item : report));
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}

export const reportQueue = new ReportQueue();
