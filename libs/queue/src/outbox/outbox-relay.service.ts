import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { inTransaction, poolOf, withTimeout } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import type { Queue } from 'bullmq';
import { Client, type Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { JobName } from '../job-payloads';
import { JobProducer } from '../job-producer';
import type { QueueName } from '../queue-names';

/** The channel the outbox's insert trigger notifies (migration AddOutboxRelay). */
export const OUTBOX_CHANNEL = 'citygrid_outbox';
const BATCH = 100;
/** A Redis write that takes longer than this gives the batch back to the table, to be sent again. */
const SEND_TIMEOUT_MS = 5000;
const SENT_KEPT_DAYS = 7;
const HOUR_MS = 3600_000;

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: JobName;
  job_id: string;
  payload: object;
  priority: number | null;
  run_at: Date | null;
  replace: boolean;
}

/**
 * Moves outbox rows into BullMQ (DESIGN.md §6). It wakes on the insert trigger's NOTIFY, and polls as a
 * fallback. A batch is locked (SKIP LOCKED, so several relays share the work), added with its deterministic job
 * ids, and marked sent in the same transaction: a crash or a Redis outage before the commit leaves the rows
 * unsent, to be sent again, and the job ids make a second send a no-op. Nothing is lost and nothing runs twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: Client | null = null;
  private timers: NodeJS.Timeout[] = [];
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failing = false;
  /** Every drain runs, so its statements go on the pool as named statements (see poolOf). */
  private readonly pool: Pool;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {
    this.pool = poolOf(dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timers.push(
      setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS).unref(),
      setInterval(() => void this.prune(), HOUR_MS).unref(),
    );
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains now, or once more right after the drain under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves once every row written before the call has been sent (tests and shutdown drills). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    await this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.sendBatch()) === BATCH);
      if (this.failing) this.logger.log('Outbox relay is sending again');
      this.failing = false;
    } catch (error) {
      // Redis or PostgreSQL is away: the rows stay unsent and the next poll tries again. Say so once.
      if (!this.failing) this.logger.warn(`Outbox relay paused: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  private sendBatch(): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<OutboxRow>({
        name: 'outbox-lock-batch',
        text: `SELECT id, queue, job_name, job_id, payload, priority, run_at, replace FROM outbox_messages
               WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        values: [BATCH],
      });
      if (rows.length === 0) return 0;
      const held = await withTimeout(
        this.send(rows),
        SEND_TIMEOUT_MS,
        'Redis did not take the jobs within 5 s',
      );
      const sent = rows.filter((row) => !held.has(row.id)).map((row) => row.id);
      await client.query({
        name: 'outbox-mark-sent',
        text: 'UPDATE outbox_messages SET sent_at = now() WHERE id = ANY($1)',
        values: [sent],
      });
      return rows.length;
    });
  }

  /** Adds the rows' jobs; answers the rows held back for the next drain (a timer whose old job is running). */
  private async send(rows: OutboxRow[]): Promise<Set<string>> {
    // A job id written twice (a timer moved twice before the relay ran) counts once: the newest row.
    const newest = new Map<string, OutboxRow>();
    for (const row of rows) newest.set(`${row.queue}/${row.job_id}`, row);
    const byQueue = new Map<QueueName, OutboxRow[]>();
    for (const row of newest.values()) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    const held = new Set<string>();
    const now = Date.now();
    await Promise.all(
      [...byQueue].map(async ([name, batch]) => {
        const queue = this.producer.queue(name);
        await this.requireConnected(queue);
        // A moved timer keeps its id, so the earlier job goes first. One that is running cannot be removed
        // (BullMQ answers 0): its row waits for the next drain rather than be lost behind the running job.
        const removed = await Promise.all(
          batch.map((row) => (row.replace ? queue.remove(row.job_id) : Promise.resolve(1))),
        );
        const states = await Promise.all(
          batch.map((row, i) => (removed[i] === 0 ? queue.getJobState(row.job_id) : null)),
        );
        const ready = batch.filter((row, i) => {
          if (states[i] !== 'active') return true;
          held.add(row.id);
          return false;
        });
        await queue.addBulk(
          ready.map((row) => ({
            name: row.job_name,
            data: row.payload,
            opts: {
              jobId: row.job_id,
              priority: row.priority ?? undefined,
              delay: row.run_at ? Math.max(0, row.run_at.getTime() - now) : undefined,
            },
          })),
        );
      }),
    );
    return held;
  }

  /** Commands to a Redis that is away would wait in ioredis's queue; fail fast instead, and retry on the next poll. */
  private async requireConnected(queue: Queue): Promise<void> {
    const client = await queue.backend.client;
    if (client.status !== 'ready') throw new Error(`Redis is ${client.status}`);
  }

  /** LISTENs on a connection of its own; a lost one is replaced (the poll covers the gap). */
  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'citygrid-outbox-relay',
    });
    client.on('notification', () => this.wake());
    client.once('error', (error) => {
      this.logger.warn(`Outbox listener lost: ${error.message}`);
      void client.end().catch(() => undefined);
      if (this.listener === client) this.relisten();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    if (this.stopped) await client.end();
    else this.listener = client;
  }

  private relisten(): void {
    this.listener = null;
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      this.listen().catch(() => this.relisten());
    }, 1000).unref();
    this.timers.push(timer);
  }

  private async prune(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM outbox_messages WHERE sent_at < now() - make_interval(days => $1)`, [
        SENT_KEPT_DAYS,
      ])
      .catch((error: Error) => this.logger.warn(`Outbox prune failed: ${error.message}`));
  }
}
