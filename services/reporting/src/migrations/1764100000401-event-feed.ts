import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventFeed1764100000401 implements MigrationInterface {
  name = 'EventFeed1764100000401';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_feed (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        key text NOT NULL,
        occurred_at timestamptz NOT NULL,
        envelope jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX event_feed_type ON event_feed (type, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_feed`);
  }
}
