import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';
import { SERVICE_CONFIG } from '../bootstrap/service-config.token';
import type { BaseServiceConfig } from '../config/service-config';

export type RedisClient = ReturnType<typeof createClient>;
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** A Redis key in this deployment's namespace (REDIS_NAMESPACE): `<namespace>:<name>`. */
export function redisKey(config: Pick<BaseServiceConfig, 'REDIS_NAMESPACE'>, name: string): string {
  return `${config.REDIS_NAMESPACE}:${name}`;
}

/** Closes the Redis connection when the application shuts down. */
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.close().catch(() => undefined);
  }
}

/** One Redis client per service; it reconnects on its own, and /health reports it while it is down. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [SERVICE_CONFIG],
      useFactory: (config: BaseServiceConfig): RedisClient => {
        const logger = new Logger('Redis');
        const client = createClient({
          url: config.REDIS_URL,
          socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
        });
        let reported = false;
        client.on('error', (e: Error) => {
          if (!reported) logger.warn(`Redis unavailable: ${e.message}`);
          reported = true;
        });
        client.on('ready', () => (reported = false));
        // Connect in the background: a service stays up (and says so on /health) while Redis is away.
        client.connect().catch(() => undefined);
        return client;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
