import { BaseRpcContext } from '@nestjs/microservices';
import type { EventEnvelope } from '@civic/contracts';
import type { EntityManager } from 'typeorm';

type EventContextArgs = [EntityManager, EventEnvelope, string, number, string];

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
}
