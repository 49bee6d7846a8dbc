import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterStore } from './dead-letters/dead-letter.store';
import { ConsumerStatus } from './kafka/consumer-status';
import { KafkaConnection } from './kafka/kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { MessagingTables1764100000000 } from './migrations/1764100000000-messaging-tables';
import { MessagingReliability1764100000001 } from './migrations/1764100000001-messaging-reliability';
import { MessagingRetention1764100000002 } from './migrations/1764100000002-messaging-retention';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';
import { MessagingRetention } from './retention/messaging-retention';

export interface MessagingModuleAsyncOptions {
  inject: unknown[];
  useFactory: (...args: never[]) => MessagingOptions;
}

/**
 * Kafka connection, the outbox writer and its relay, the retention sweep of old outbox and inbox rows, and the
 * dead-letter store (its admin endpoint, `/admin/dead-letters`, is the platform's). Needs TypeORM's DataSource in scope, with
 * `MessagingModule.migrations` in its migrations.
 */
@Global()
@Module({})
export class MessagingModule {
  /** The messaging tables' migrations, oldest first: every service lists them before its own. */
  static readonly migrations: Function[] = [MessagingTables1764100000000, MessagingReliability1764100000001, MessagingRetention1764100000002];

  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, inject: options.inject as never[], useFactory: options.useFactory },
        KafkaConnection,
        ConsumerStatus,
        Outbox,
        OutboxRelay,
        MessagingRetention,
        { provide: DeadLetterStore, inject: [DataSource, KafkaConnection], useFactory: (db: DataSource, kafka: KafkaConnection) => new DeadLetterStore(db, kafka) },
      ],
      exports: [MESSAGING_OPTIONS, KafkaConnection, ConsumerStatus, Outbox, OutboxRelay, DeadLetterStore],
    };
  }
}
