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

/**
 * The unit-grid index of this process (api or worker). Whoever changes unit grids bumps a version in Redis
 * and publishes it; every process reloads from PostgreSQL when it sees a newer version, and checks the version
 * again after a Redis reconnect, since a message published while disconnected is gone.
 */
@Injectable()
export class GridIndexService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GridIndexService.name);
  private readonly channel: string;
  private readonly versionKey: string;
  private subscriber: Redis | null = null;
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
    this.versionKey = `${config.REDIS_KEY_PREFIX}:grid-index:version`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriber = createRedisConnection(this.config.REDIS_URL, 'grid-index');
    this.subscriber.on('message', () => void this.reload());
    // After a reconnect the subscription is restored by ioredis, but what was published meanwhile is lost.
    this.subscriber.on('ready', () => void this.reload());
    await this.subscriber.subscribe(this.channel);
    await this.reload();
  }

  async onApplicationShutdown(): Promise<void> {
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

  get version(): number {
    return this.loadedVersion;
  }

  /**
   * Tells every process that unit grids changed. Call after the change is committed, so whoever reloads on
   * this version reads it. With Redis down the announcement waits in the client's queue and goes out when
   * Redis returns; the change itself (in PostgreSQL) is done, so the caller is not held up longer than a moment.
   */
  async publishChange(): Promise<void> {
    const announce = this.redis
      .multi()
      .incr(this.versionKey)
      .publish(this.channel, '')
      .exec()
      .then(() => undefined);
    await withTimeout(announce, PUBLISH_WAIT_MS, 'Redis is not answering').catch((error: Error) =>
      this.logger.warn(
        `Unit grids changed; other processes will reload when Redis is back (${error.message})`,
      ),
    );
  }

  /** The newest version any process has published. */
  async latestVersion(): Promise<number> {
    return Number((await this.redis.get(this.versionKey)) ?? 0);
  }

  /** Resolves once this process has loaded `version` or a later one. */
  async whenLoaded(version: number): Promise<void> {
    while (this.loadedVersion < version) {
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Reloads unless a reload is running, in which case one more runs after it (coalescing bursts). */
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
    // Read the version before the rows: a change committed after this read comes with a newer version.
    const version = await this.latestVersion();
    if (version <= this.loadedVersion) return;
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
