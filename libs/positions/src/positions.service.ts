import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pointToWgs84 } from '@citygrid/areas';
import {
  CommonErrorCode,
  DomainException,
  ErrorKind,
  REDIS,
  withTimeout,
  type Principal,
} from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type {
  NearbyInspectorDto,
  NearbyQueryDto,
  PositionAcceptedDto,
  ReportPositionDto,
} from './dto/position.dto';

const REDIS_WAIT_MS = 2000;

/** exec() reports a failed command in its results instead of rejecting. */
function failOnCommandError(results: Array<[Error | null, unknown]> | null): void {
  const failed = results?.find(([error]) => error);
  if (failed) throw failed[0];
}

/** Most inspectors one nearby query returns, nearest first. */
const NEARBY_LIMIT = 100;

const DROP_STALE = `
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 5000)
if #stale > 0 then
  redis.call('ZREM', KEYS[1], unpack(stale))
  redis.call('ZREM', KEYS[2], unpack(stale))
  redis.call('HDEL', KEYS[3], unpack(stale))
end
return #stale`;

/**
 * Live inspector positions in Redis (DESIGN.md §2): a GEO set for the search, a sorted set of report times
 * for freshness, a hash of accuracies. Positions older than POSITION_FRESH_MINUTES are dropped when read.
 * Losing Redis loses only positions, which phones report again within minutes.
 */
@Injectable()
export class PositionsService {
  private readonly geoKey: string;
  private readonly seenKey: string;
  private readonly accuracyKey: string;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const prefix = `${config.REDIS_KEY_PREFIX}:positions`;
    this.geoKey = `${prefix}:geo`;
    this.seenKey = `${prefix}:seen`;
    this.accuracyKey = `${prefix}:accuracy`;
  }

  private get freshMs(): number {
    return this.config.POSITION_FRESH_MINUTES * 60_000;
  }

  async report(principal: Principal, dto: ReportPositionDto): Promise<PositionAcceptedDto> {
    const [lng, lat] = pointToWgs84(dto.lng, dto.lat, dto.crs);
    const at = Date.now();
    const multi = this.redis
      .multi()
      .geoadd(this.geoKey, lng, lat, principal.id)
      .zadd(this.seenKey, at, principal.id);
    if (dto.accuracyM === undefined) multi.hdel(this.accuracyKey, principal.id);
    else multi.hset(this.accuracyKey, principal.id, String(dto.accuracyM));
    await this.redisCall(multi.exec().then(failOnCommandError));
    return {
      position: [lng, lat],
      at: new Date(at).toISOString(),
      freshUntil: new Date(at + this.freshMs).toISOString(),
    };
  }

  async nearby(query: NearbyQueryDto): Promise<NearbyInspectorDto[]> {
    const [lng, lat] = pointToWgs84(query.lng, query.lat, query.crs);
    await this.dropStale();
    const found = (await this.redisCall(
      this.redis.geosearch(
        this.geoKey,
        'FROMLONLAT',
        lng,
        lat,
        'BYRADIUS',
        query.radius ?? 1000,
        'm',
        'ASC',
        'COUNT',
        NEARBY_LIMIT,
        'WITHCOORD',
        'WITHDIST',
      ),
    )) as Array<[string, string, [string, string]]>;
    if (found.length === 0) return [];
    const ids = found.map(([id]) => id);
    const [seen, accuracy] = await this.redisCall(
      Promise.all([this.redis.zmscore(this.seenKey, ...ids), this.redis.hmget(this.accuracyKey, ...ids)]),
    );
    const users: Array<{ id: string; username: string; display_name: string; phone: string | null }> =
      await this.dataSource.query(
        'SELECT id, username, display_name, phone FROM users WHERE id = ANY($1::uuid[]) AND NOT disabled',
        [ids],
      );
    const byId = new Map(users.map((user) => [user.id, user]));
    const freshSince = Date.now() - this.freshMs;
    return found.flatMap(([id, distance, [x, y]], i) => {
      const user = byId.get(id);
      const at = Number(seen[i]);
      if (!user || !(at >= freshSince)) return [];
      return [
        {
          id,
          username: user.username,
          displayName: user.display_name,
          phone: user.phone,
          position: [Number(x), Number(y)],
          distanceM: Math.round(Number(distance) * 10) / 10,
          accuracyM: accuracy[i] === null ? null : Number(accuracy[i]),
          at: new Date(at).toISOString(),
        },
      ];
    });
  }

  /** Atomic, so a position reported while stale ones are dropped is never dropped with them. */
  private async dropStale(): Promise<void> {
    const cutoff = Date.now() - this.freshMs;
    await this.redisCall(this.redis.eval(DROP_STALE, 3, this.geoKey, this.seenKey, this.accuracyKey, cutoff));
  }

  /** Positions are only in Redis: without it, say so (503) rather than keep the caller waiting. */
  private redisCall<T>(call: Promise<T>): Promise<T> {
    return withTimeout(call, REDIS_WAIT_MS, 'Redis did not answer').catch((error: Error) => {
      throw new DomainException(
        CommonErrorCode.SERVICE_UNAVAILABLE,
        `Live positions are unavailable: ${error.message}`,
        ErrorKind.Unavailable,
      );
    });
  }
}
