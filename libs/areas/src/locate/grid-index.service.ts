import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRedisConnection, REDIS, withTimeout } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { AreaGeometry } from '../geometry/geo-types';
import { GridIndex } from './grid-index';

const PUBLISH_WAIT_MS = 2000;
/** The safety net: how often a process checks the version even if no nudge came. */
const RECHECK_EVERY_MS = 30_000;

/**
 * The unit-grid index of this process (api or worker). PostgreSQL keeps the version of the unit grids
 * (`unit_grid_version`, bumped by a trigger in the transaction that changes them), so whether an index is
 * current never depends on Redis. Redis only nudges: whoever changes unit grids publishes on a channel and
 * every process re-reads the version then, after a Redis reconnect, and every 30 s in any case.
 */
@Injectable()
export class GridIndexService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GridIndexService.name);
  private readonly channel: string;
  private subscriber: Redis | null = null;
  private recheck: NodeJS.Timeout | null = null;
  private index: GridIndex = GridIndex.build([]);
  private loadedVersion = -1;
  private loading: Promise<void> | null = null;
  private reloadAgain = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.channel = `${config.REDIS_KEY_PREFIX}:grid-index`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriber = createRedisConnection(this.config.REDIS_URL, 'grid-index');
    this.subscriber.on('message', () => void this.reload());
    // After a reconnect the subscription is restored by ioredis, but what was published meanwhile is lost.
    this.subscriber.on('ready', () => void this.reload());
    await this.subscriber.subscribe(this.channel);
    this.recheck = setInterval(() => void this.reload(), RECHECK_EVERY_MS).unref();
    await this.reload();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.recheck) clearInterval(this.recheck);
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    await this.loading;
  }

  /** The unit grid code at a WGS-84 point, or null outside every grid. */
  locate(lng: number, lat: number): string | null {
    return this.index.locate(lng, lat);
  }

  get size(): number {
    return this.index.size;
  }

  /** The version of the unit grids as committed in PostgreSQL. */
  async latestVersion(): Promise<number> {
    const [row]: Array<{ version: string }> = await this.dataSource.query(
      'SELECT version FROM unit_grid_version',
    );
    return Number(row?.version ?? 0);
  }

  /**
   * Nudges every process to re-read the version, after a change to unit grids is committed; this process
   * reloads at once. With Redis down the nudge waits in the client's queue (the periodic check covers it), and
   * the caller is not held up longer than a moment.
   */
  async publishChange(): Promise<void> {
    const nudge = this.redis.publish(this.channel, 'changed').then(() => undefined);
    await Promise.all([
      this.reload(),
      withTimeout(nudge, PUBLISH_WAIT_MS, 'Redis is not answering').catch((error: Error) =>
        this.logger.warn(`Unit grids changed; other processes will notice within 30 s (${error.message})`),
      ),
    ]);
  }

  /** Resolves once this process has loaded `version` or a later one. */
  async whenLoaded(version: number): Promise<void> {
    while (this.loadedVersion < version) {
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Reloads if the version moved, unless a reload is running, in which case one more runs after it. */
  reload(): Promise<void> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.reloadAgain = false;
        await this.load().catch((error: unknown) =>
          this.logger.error(`Could not reload the unit grid index: ${(error as Error).message}`),
        );
      } while (this.reloadAgain);
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<void> {
    // Read the version before the rows: a change committed after this read has a newer version.
    const version = await this.latestVersion();
    if (version === this.loadedVersion) return;
    const started = Date.now();
    const rows: Array<{ code: string; geometry: AreaGeometry }> = await this.dataSource.query(
      'SELECT code, geometry FROM unit_grids',
    );
    this.index = GridIndex.build(rows);
    this.loadedVersion = version;
    this.logger.log(`Unit grid index v${version}: ${rows.length} grids in ${Date.now() - started} ms`);
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
