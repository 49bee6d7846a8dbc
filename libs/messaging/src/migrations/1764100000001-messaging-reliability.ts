import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the hardened pipeline needs: an index that finds the oldest unpublished row of a key (per-key order while
 * several relays share the outbox) and the dead letters a service keeps for its admin endpoint.
 */
export class MessagingReliability1764100000001 implements MigrationInterface {
  name = 'MessagingReliability1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_event_unpublished_key ON outbox_event (topic, key, seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer_group text NOT NULL,
        origin_topic text NOT NULL,
        origin_partition int NOT NULL,
        origin_offset bigint NOT NULL,
        event_id text,
        event_type text,
        message_key text,
        message_value text,
        headers jsonb NOT NULL DEFAULT '{}',
        error text NOT NULL,
        attempts int NOT NULL,
        status text NOT NULL DEFAULT 'dead' CHECK (status IN ('dead', 'replayed')),
        times_dead_lettered int NOT NULL DEFAULT 1,
        replays int NOT NULL DEFAULT 0,
        first_failed_at timestamptz NOT NULL DEFAULT now(),
        last_failed_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        UNIQUE (consumer_group, origin_topic, origin_partition, origin_offset)
      )`);
    await q.query(`CREATE INDEX dead_letter_recent ON dead_letter (last_failed_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dead_letter`);
    await q.query(`DROP INDEX outbox_event_unpublished_key`);
  }
}
