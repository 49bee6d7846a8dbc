import { DynamicModule, Global, Module } from '@nestjs/common';
import { KafkaConnection } from './kafka/kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

export interface MessagingModuleAsyncOptions {
  inject: unknown[];
  useFactory: (...args: never[]) => MessagingOptions;
}

/** Kafka connection, the outbox writer and its relay for one service. Needs TypeORM's DataSource in scope. */
@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, inject: options.inject as never[], useFactory: options.useFactory },
        KafkaConnection,
        Outbox,
        OutboxRelay,
      ],
      exports: [MESSAGING_OPTIONS, KafkaConnection, Outbox, OutboxRelay],
    };
  }
}
