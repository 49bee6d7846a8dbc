import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team policies: each round's teams (one lead university per project) and the engine's certificate of its answer, the
 * lead university on every assignment, and
 * the whole projects a lead university declined (one-university rounds), kept so later re-matches never give the
 * project back to it.
 */
export class Teams1764100000303 implements MigrationInterface {
  name = 'Teams1764100000303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment ADD COLUMN lead_university_id text`);
    await q.query(`ALTER TABLE round ADD COLUMN certificate jsonb`);
    await q.query(`
      CREATE TABLE round_team (
        round_id uuid NOT NULL REFERENCES round (id) ON DELETE CASCADE,
        project_id text NOT NULL,
        university_id text NOT NULL,
        team jsonb NOT NULL,
        PRIMARY KEY (round_id, project_id)
      )`);
    await q.query(`
      CREATE TABLE university_decline (
        round_id uuid NOT NULL REFERENCES round (id) ON DELETE CASCADE,
        project_id text NOT NULL,
        university_id text NOT NULL,
        reason text NOT NULL,
        note text,
        decided_at timestamptz NOT NULL,
        -- Set when a re-match has answered the decline; unset ones are resumed after a crash.
        rematched_at timestamptz,
        PRIMARY KEY (round_id, project_id, university_id)
      )`);
    await q.query(`CREATE INDEX university_decline_pending ON university_decline (round_id) WHERE rematched_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE university_decline`);
    await q.query(`DROP TABLE round_team`);
    await q.query(`ALTER TABLE round DROP COLUMN certificate`);
    await q.query(`ALTER TABLE assignment DROP COLUMN lead_university_id`);
  }
}
