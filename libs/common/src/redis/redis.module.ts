import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@citygrid/config';
import type { Redis } from 'ioredis';
import { createRedisConnection } from './redis-connection';

export const REDIS = Symbol('REDIS');

/** One shared connection for plain commands (health pings, counters, GEO positions). Queues have their own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createRedisConnection(config.REDIS_URL, 'commands'),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
