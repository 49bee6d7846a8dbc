import { MigrationInterface, QueryRunner } from 'typeorm';

/** A withdrawn round's notice: its coordinators hear once every withdrawn proposal it lists has arrived. */
export class WithdrawalNotices1764100000502 implements MigrationInterface {
  name = 'WithdrawalNotices1764100000502';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE withdrawal_notice (
        round_id uuid PRIMARY KEY,
        assignment_ids uuid[] NOT NULL,
        reason text NOT NULL,
        withdrawn_at timestamptz NOT NULL,
        notified_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE withdrawal_notice`);
  }
}
