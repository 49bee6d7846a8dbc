import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventEnvelope, topicOf } from '@civic/contracts';
import { createEnvelope, EventDraft } from '../envelope';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

/** The PostgreSQL channel the relay listens on; NOTIFY is delivered only when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'civic_outbox';

/**
 * The write side of the transactional outbox: events are rows in the same transaction as the state change they
 * describe, so either both commit or neither does. The relay publishes them afterwards.
 */
@Injectable()
export class Outbox {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  /** Appends events inside the caller's transaction (`manager` must be a transactional entity manager). */
  async append(manager: EntityManager, drafts: EventDraft[]): Promise<EventEnvelope[]> {
    if (drafts.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Outbox.append must run inside a transaction');
    const envelopes = drafts.map((d) => createEnvelope(this.options.source, d));
    const values: unknown[] = [];
    const rows = envelopes.map((e, i) => {
      values.push(e.id, topicOf(e.type), e.key, e.type, JSON.stringify(e));
      const b = i * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb)`;
    });
    await manager.query(`INSERT INTO outbox_event (event_id, topic, key, type, envelope) VALUES ${rows.join(', ')}`, values);
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    return envelopes;
  }

  /** How many of these events the relay has handed to Kafka so far. */
  async publishedCount(manager: EntityManager, eventIds: readonly string[]): Promise<number> {
    const [{ published }] = await manager.query(
      `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published FROM outbox_event WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return published;
  }
}
