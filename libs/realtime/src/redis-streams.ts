import { createRedisConnection } from '@citygrid/common';
import type { AppConfig } from '@citygrid/config';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';

export interface StreamsAdapter {
  redis: Redis;
  adapter: ReturnType<typeof createAdapter>;
  /** Settles once this process reads the stream from a fixed entry: anything added after it reaches this process. */
  reading: Promise<void>;
}

/**
 * The socket.io adapter every CityGrid socket.io Server uses: the api's gateway and the publishers in the
 * worker meet on one Redis stream under REDIS_KEY_PREFIX. Streams survive a short Redis outage without
 * losing packets (DESIGN.md §2).
 */
export function createStreamsAdapter(
  config: AppConfig,
  name: string,
  {
    // A shorter blocking read lets a closing process let go of Redis within a second.
    blockTimeInMs = 1000,
    // A publisher holds no sockets: what is published is nothing to it, and reading the stream would bring
    // back every event it just wrote, one Redis round trip each.
    read = true,
  }: { blockTimeInMs?: number; read?: boolean } = {},
): StreamsAdapter {
  const streamName = `${config.REDIS_KEY_PREFIX}:socket.io`;
  const redis = createRedisConnection(config.REDIS_URL, `socket.io-${name}`);
  const start = lastEntryId(redis, streamName);
  const adapter = createAdapter(read ? readingFrom(redis, start) : notReading(redis, blockTimeInMs), {
    streamName,
    sessionKeyPrefix: `${config.REDIS_KEY_PREFIX}:socket.io:session:`,
    blockTimeInMs,
  });
  return { redis, adapter, reading: start.then(() => undefined) };
}

/** The stream's newest entry now; `0-0` when it has none yet. */
async function lastEntryId(redis: Redis, streamName: string): Promise<string> {
  try {
    const [newest] = await redis.xrevrange(streamName, '+', '-', 'COUNT', 1);
    return newest?.[0] ?? '0-0';
  } catch {
    // Not a stream (a key of that name made by hand): the adapter's own '$' is the best there is.
    return '$';
  }
}

/**
 * The adapter (0.3.1) reads with XREAD from '$' until it gets its first entry, and '$' means "newer than the
 * newest entry when this XREAD runs": an entry added between two empty blocking reads falls in the gap and is
 * never delivered by this process. Its readers are duplicates of `redis`; each is made to start from the entry
 * that was newest when the adapter was made instead, so from then on no entry is missed.
 */
function readingFrom(redis: Redis, start: Promise<string>): Redis {
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (...options) => {
    const reader = duplicate(...options);
    const xread = reader.xread.bind(reader) as (...args: unknown[]) => Promise<unknown>;
    const fromStart = async (...args: unknown[]): Promise<unknown> => {
      const offset = args.length - 1;
      if (args[offset] === '$') args[offset] = await start;
      return xread(...args);
    };
    reader.xread = fromStart as Redis['xread'];
    return reader;
  };
  return redis;
}

/** The adapter's readers of a process that only publishes: each read waits as an empty blocking read would. */
function notReading(redis: Redis, blockTimeInMs: number): Redis {
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (...options) => {
    const reader = duplicate(...options);
    reader.xread = (() =>
      new Promise((resolve) => setTimeout(() => resolve(null), blockTimeInMs).unref())) as Redis['xread'];
    return reader;
  };
  return redis;
}
