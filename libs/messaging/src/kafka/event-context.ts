import { BaseRpcContext } from '@nestjs/microservices';
import type { EventEnvelope } from '@civic/contracts';
import type { EntityManager } from 'typeorm';
import { BatchWrite, DeferredWrites } from './deferred-writes';

type EventContextArgs = [EntityManager, EventEnvelope, string, number, string, DeferredWrites?];

/**
 * What an event handler gets beside the envelope: the transaction that also records the event in the inbox
 * (write the effect through it, so effect and dedup commit together) and where the message came from.
 */
export class EventContext extends BaseRpcContext<EventContextArgs> {
  /** The transactional entity manager shared with the inbox record. */
  get manager(): EntityManager {
    return this.args[0];
  }

  get envelope(): EventEnvelope {
    return this.args[1];
  }

  get topic(): string {
    return this.args[2];
  }

  get partition(): number {
    return this.args[3];
  }

  get offset(): string {
    return this.args[4];
  }

  /**
   * Hands `item` to `write`, which runs once for every item handed to it in this transaction (one set-based
   * statement instead of one per event), after the transaction's handlers and before its commit. Items arrive in the
   * order the events were consumed; a failing write fails every event of the transaction, which the consumer then
   * applies one per transaction. Handlers in the same transaction do not see a deferred write.
   */
  defer<T>(write: BatchWrite<T>, item: T): void {
    const deferred = this.args[5];
    if (deferred) deferred.add(write, item);
    else throw new Error('EventContext.defer needs the consumer transaction (KafkaEventServer)');
  }
}
