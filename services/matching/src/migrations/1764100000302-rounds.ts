import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rounds, their inputs and project rosters, and assignments; one live (running) round per scope. */
export class Rounds1764100000302 implements MigrationInterface {
  name = 'Rounds1764100000302';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE round (
        id uuid PRIMARY KEY,
        scope_key text NOT NULL,
        district_ids text[],
        strategy text NOT NULL CHECK (strategy IN ('optimal', 'stable')),
        options jsonb NOT NULL,
        dry_run boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        phase text NOT NULL,
        progress jsonb NOT NULL DEFAULT '{}',
        idempotency_key text UNIQUE,
        request_hash text NOT NULL,
        objective jsonb,
        figures jsonb,
        underfilled jsonb,
        timings jsonb NOT NULL DEFAULT '{}',
        error text,
        revision int NOT NULL DEFAULT 1,
        owner text NOT NULL,
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    // The database half of "one live round per scope" (the Redis lock is the fast half).
    await q.query(`CREATE UNIQUE INDEX round_one_live_per_scope ON round (scope_key) WHERE status = 'running'`);
    await q.query(`CREATE INDEX round_created ON round (created_at DESC)`);
    await q.query(`
      CREATE TABLE round_input (
        round_id uuid PRIMARY KEY REFERENCES round (id) ON DELETE CASCADE,
        instance jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE round_project (
        round_id uuid NOT NULL REFERENCES round (id) ON DELETE CASCADE,
        project_id text NOT NULL,
        district_id text NOT NULL,
        issue_type text NOT NULL,
        teacher_min int NOT NULL,
        teacher_max int NOT NULL,
        student_min int NOT NULL,
        student_max int NOT NULL,
        PRIMARY KEY (round_id, project_id)
      )`);
    await q.query(`
      CREATE TABLE assignment (
        id uuid PRIMARY KEY,
        round_id uuid NOT NULL REFERENCES round (id),
        expert_id text NOT NULL,
        kind text NOT NULL,
        university_id text NOT NULL,
        college_id text NOT NULL,
        discipline text NOT NULL,
        project_id text NOT NULL,
        district_id text NOT NULL,
        issue_type text NOT NULL,
        weight int NOT NULL,
        explanation jsonb NOT NULL,
        origin text NOT NULL CHECK (origin IN ('round', 'rematch')),
        status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'expired')),
        revision int NOT NULL,
        deadline timestamptz NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_at timestamptz,
        decline_reason text,
        decline_note text,
        -- Set when a re-match has answered this decline or expiry; unset ones are resumed after a crash.
        rematched_at timestamptz
      )`);
    await q.query(`CREATE INDEX assignment_round ON assignment (round_id, status)`);
    await q.query(`CREATE INDEX assignment_university ON assignment (university_id, round_id)`);
    await q.query(`CREATE INDEX assignment_overdue ON assignment (deadline) WHERE status = 'proposed'`);
    await q.query(`CREATE INDEX assignment_freed ON assignment (round_id) WHERE status IN ('declined', 'expired') AND rematched_at IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX assignment_one_active_pair ON assignment (round_id, expert_id, project_id) WHERE status IN ('proposed', 'accepted')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignment`);
    await q.query(`DROP TABLE round_project`);
    await q.query(`DROP TABLE round_input`);
    await q.query(`DROP TABLE round`);
  }
}
