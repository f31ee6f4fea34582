import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for one purpose (`name` shows in CLIENT LIST). `maxRetriesPerRequest: null` makes a
 * Redis restart pause commands instead of failing them, as BullMQ workers and the socket.io adapter need.
 */
export function createRedisConnection(url: string, name: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { connectionName: `citygrid:${name}`, maxRetriesPerRequest: null, ...options });
}
