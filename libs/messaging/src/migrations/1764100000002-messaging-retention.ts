import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes the retention sweep (MessagingRetention) finds old rows by. */
export class MessagingRetention1764100000002 implements MigrationInterface {
  name = 'MessagingRetention1764100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX inbox_event_applied ON inbox_event (applied_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_event_applied`);
    await q.query(`DROP INDEX outbox_event_published`);
  }
}
