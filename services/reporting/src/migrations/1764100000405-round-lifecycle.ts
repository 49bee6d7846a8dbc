import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The round lifecycle as events tell it: a draft's assignments (replaced whole by each edit), who published,
 * cancelled or withdrew a round and why, how many edits it had, and each assignment's placer and withdrawal reason.
 */
export class RoundLifecycle1764100000405 implements MigrationInterface {
  name = 'RoundLifecycle1764100000405';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_round ADD COLUMN edits int NOT NULL DEFAULT 0, ADD COLUMN published_at timestamptz, ADD COLUMN published_by text,
      ADD COLUMN ended_at timestamptz, ADD COLUMN ended_by text, ADD COLUMN end_reason text`);
    await q.query(`
      CREATE TABLE report_draft_assignment (
        round_id uuid NOT NULL,
        expert_id text NOT NULL,
        project_id text NOT NULL,
        kind text NOT NULL,
        university_id text NOT NULL,
        weight int NOT NULL,
        placed_by text NOT NULL,
        PRIMARY KEY (round_id, expert_id, project_id)
      )`);
    await q.query(`ALTER TABLE report_assignment ADD COLUMN placed_by text NOT NULL DEFAULT 'engine', ADD COLUMN withdraw_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_assignment DROP COLUMN withdraw_reason, DROP COLUMN placed_by`);
    await q.query(`DROP TABLE report_draft_assignment`);
    await q.query(`ALTER TABLE report_round DROP COLUMN end_reason, DROP COLUMN ended_by, DROP COLUMN ended_at, DROP COLUMN published_by, DROP COLUMN published_at, DROP COLUMN edits`);
  }
}
