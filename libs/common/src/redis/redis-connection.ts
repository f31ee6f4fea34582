import { Logger } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';

const logger = new Logger('Redis');

/**
 * A Redis connection for one purpose (`name` shows in CLIENT LIST). `maxRetriesPerRequest: null` makes a
 * Redis restart pause commands instead of failing them, as BullMQ workers and the socket.io adapter need.
 * While Redis is away ioredis reconnects by itself; the outage is logged once per connection, not per attempt.
 */
export function createRedisConnection(url: string, name: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    connectionName: `citygrid:${name}`,
    maxRetriesPerRequest: null,
    ...options,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`${name}: ${error.message}; reconnecting`);
  });
  redis.on('ready', () => {
    if (down) logger.log(`${name}: connected again`);
    down = false;
  });
  return redis;
}
