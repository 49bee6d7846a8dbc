import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each feed row remembers the transaction that wrote it, so readers can hold back rows behind a transaction still in
 * flight: with concurrent writers (several consumers or replicas) positions can commit out of order, and a cursor
 * that moved past a gap would skip the row that fills it later.
 */
export class EventFeedTxid1764100000403 implements MigrationInterface {
  name = 'EventFeedTxid1764100000403';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_feed ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_feed DROP COLUMN txid`);
  }
}
