import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntries1795698499045, AuthModule, RedisRateLimitStore, RedisRevocationStore } from '@civic/auth';
import { ConsumerStatus, KafkaConnection, MessagingModule } from '@civic/messaging';
import { postgresOptions } from '@civic/persistence';
import { DataSource } from 'typeorm';
import { messagingSettingsOf, type BaseServiceConfig } from '../config/service-config';
import { HEALTH_INDICATORS, HealthController, HealthIndicator } from '../health/health';
import { LoggingModule } from '../logging/logging.module';
import { MetricsController } from '../metrics/metrics.controller';
import { DeadLettersHttpController } from '../operations/dead-letters.http.controller';
import { REDIS_CLIENT, RedisClient, redisKey, RedisModule } from '../redis/redis.module';
import { authOptionsOf } from './auth-options';
import { SERVICE_CONFIG } from './service-config.token';

export interface ServiceCoreOptions {
  /** The service's name: log field, event source, Kafka client id and consumer group. */
  name: string;
  config: BaseServiceConfig;
  /** The service's own TypeORM entities and migrations (the messaging tables are added here). */
  entities: Function[];
  migrations: Function[];
}

/**
 * What every service has: validated config, JSON logs, its own PostgreSQL database (migrations only), Redis,
 * Kafka with the outbox relay, `/health` and `/metrics`, and the auth gate (tokens, roles, rate limits, audit log).
 */
@Global()
@Module({})
export class ServiceCoreModule {
  static forService(options: ServiceCoreOptions): DynamicModule {
    const { config } = options;
    return {
      module: ServiceCoreModule,
      imports: [
        LoggingModule.forService(options.name, config.LOG_LEVEL),
        TypeOrmModule.forRoot(
          postgresOptions({
            url: config.DATABASE_URL,
            entities: options.entities,
            migrations: [...MessagingModule.migrations, AuditEntries1795698499045, ...options.migrations],
          }),
        ),
        MessagingModule.forRootAsync({
          inject: [],
          useFactory: () => ({
            source: options.name,
            brokers: config.KAFKA_BROKERS.split(','),
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            databaseUrl: config.DATABASE_URL,
            settings: messagingSettingsOf(config),
          }),
        }),
        RedisModule,
        // Runs the health checks; its own error log is off (the 503 body names what is down, and the logs would repeat it on every probe).
        TerminusModule.forRoot({ logger: false }),
        AuthModule.forRootAsync({
          inject: [REDIS_CLIENT],
          useFactory: (redis: RedisClient) =>
            authOptionsOf(
              options.name,
              config,
              new RedisRateLimitStore(redis, redisKey(config, `ratelimit:${options.name}:`)),
              new RedisRevocationStore(redis, config.REDIS_NAMESPACE),
            ),
        }),
      ],
      controllers: [HealthController, MetricsController, DeadLettersHttpController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        {
          provide: HEALTH_INDICATORS,
          inject: [DataSource, KafkaConnection, REDIS_CLIENT, ConsumerStatus],
          useFactory: (db: DataSource, kafka: KafkaConnection, redis: RedisClient, consumer: ConsumerStatus): HealthIndicator[] => [
            { name: 'database', check: () => db.query('SELECT 1').then(() => undefined) },
            { name: 'kafka', check: () => kafka.ping() },
            {
              name: 'redis',
              check: async () => {
                if (!redis.isReady) throw new Error('not connected');
                await redis.ping();
              },
            },
            {
              // Services that consume: down until the consumer has joined its group (HTTP is served before that).
              name: 'consumer',
              applies: () => consumer.state !== 'none',
              check: async () => {
                const detail = { state: consumer.state, since: consumer.since.toISOString(), ...(consumer.joinMs !== undefined ? { joinMs: consumer.joinMs } : {}) };
                if (consumer.state !== 'consuming') throw new Error(`${consumer.state}${consumer.lastError ? ` (last error: ${consumer.lastError})` : ''}`);
                return detail;
              },
            },
          ],
        },
      ],
      // AuthModule: its revocation check serves long-lived responses too (reporting's event stream).
      exports: [SERVICE_CONFIG, AuthModule],
    };
  }
}
