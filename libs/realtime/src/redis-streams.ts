import { createRedisConnection } from '@citygrid/common';
import type { AppConfig } from '@citygrid/config';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';

/**
 * The socket.io adapter every CityGrid socket.io Server uses: the api's gateway and the publishers in the
 * worker meet on one Redis stream under REDIS_KEY_PREFIX. Streams survive a short Redis outage without
 * losing packets (DESIGN.md §2).
 */
export function createStreamsAdapter(
  config: AppConfig,
  name: string,
): { redis: Redis; adapter: ReturnType<typeof createAdapter> } {
  const redis = createRedisConnection(config.REDIS_URL, `socket.io-${name}`);
  const adapter = createAdapter(redis, {
    streamName: `${config.REDIS_KEY_PREFIX}:socket.io`,
    sessionKeyPrefix: `${config.REDIS_KEY_PREFIX}:socket.io:session:`,
    // A shorter blocking read lets a closing process let go of Redis within a second.
    blockTimeInMs: 1000,
  });
  return { redis, adapter };
}
