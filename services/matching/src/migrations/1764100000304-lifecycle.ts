import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The round lifecycle: rounds end as drafts unless published at once, and may be cancelled or withdrawn; a draft's
 * assignments live apart from the proposals (so a draft holds nothing against other rounds); every administrator's
 * action on a round is audited with who and why; an assignment says who placed it and why it was withdrawn.
 */
export class Lifecycle1764100000304 implements MigrationInterface {
  name = 'Lifecycle1764100000304';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE round DROP CONSTRAINT round_status_check`);
    await q.query(`ALTER TABLE round ADD CONSTRAINT round_status_check CHECK (status IN ('running', 'draft', 'completed', 'failed', 'cancelled', 'withdrawn'))`);
    // Rounds before drafts were published the moment they were solved.
    await q.query(`ALTER TABLE round ADD COLUMN publish_at_once boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE round ALTER COLUMN publish_at_once DROP DEFAULT`);
    await q.query(`ALTER TABLE round ADD COLUMN published_at timestamptz, ADD COLUMN ended_at timestamptz`);
    await q.query(`ALTER TABLE round_input ADD COLUMN expert_groups jsonb NOT NULL DEFAULT '[]', ADD COLUMN forbidden jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      CREATE TABLE draft_assignment (
        round_id uuid NOT NULL REFERENCES round (id) ON DELETE CASCADE,
        expert_id text NOT NULL,
        project_id text NOT NULL,
        kind text NOT NULL,
        weight int NOT NULL,
        placed_by text NOT NULL CHECK (placed_by IN ('engine', 'hand')),
        draft jsonb NOT NULL,
        PRIMARY KEY (round_id, expert_id, project_id)
      )`);
    await q.query(`
      CREATE TABLE round_audit (
        id bigserial PRIMARY KEY,
        round_id uuid NOT NULL REFERENCES round (id) ON DELETE CASCADE,
        action text NOT NULL,
        revision int NOT NULL,
        actor text NOT NULL,
        reason text,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX round_audit_round ON round_audit (round_id, id)`);
    await q.query(`ALTER TABLE assignment DROP CONSTRAINT assignment_status_check`);
    await q.query(`ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'expired', 'withdrawn'))`);
    await q.query(`ALTER TABLE assignment ADD COLUMN placed_by text NOT NULL DEFAULT 'engine', ADD COLUMN withdraw_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment DROP COLUMN withdraw_reason, DROP COLUMN placed_by`);
    await q.query(`ALTER TABLE assignment DROP CONSTRAINT assignment_status_check`);
    await q.query(`ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'expired'))`);
    await q.query(`DROP TABLE round_audit`);
    await q.query(`DROP TABLE draft_assignment`);
    await q.query(`ALTER TABLE round_input DROP COLUMN forbidden, DROP COLUMN expert_groups`);
    await q.query(`ALTER TABLE round DROP COLUMN ended_at, DROP COLUMN published_at, DROP COLUMN publish_at_once`);
    await q.query(`ALTER TABLE round DROP CONSTRAINT round_status_check`);
    await q.query(`ALTER TABLE round ADD CONSTRAINT round_status_check CHECK (status IN ('running', 'completed', 'failed'))`);
  }
}
