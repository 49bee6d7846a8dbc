import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-round read models built only from round and assignment events. */
export class RoundReports1764100000402 implements MigrationInterface {
  name = 'RoundReports1764100000402';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_round (
        round_id uuid PRIMARY KEY,
        scope_key text,
        district_ids text[],
        strategy text,
        dry_run boolean,
        options jsonb,
        status text NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        failed_at timestamptz,
        failure jsonb,
        -- As round.completed declared them (what the strategy produced before any answer).
        initial_objective jsonb,
        initial_figures jsonb,
        -- As the latest round.completed or round.rematched declared them.
        objective jsonb,
        figures jsonb,
        underfilled jsonb,
        timings jsonb,
        rematches int NOT NULL DEFAULT 0,
        revision int NOT NULL
      )`);
    await q.query(`CREATE INDEX report_round_scope ON report_round (scope_key, strategy, completed_at DESC)`);
    await q.query(`
      CREATE TABLE report_round_project (
        round_id uuid NOT NULL,
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
      CREATE TABLE report_round_experts (
        round_id uuid NOT NULL,
        university_id text NOT NULL,
        discipline text NOT NULL,
        kind text NOT NULL,
        experts int NOT NULL,
        capacity int NOT NULL,
        PRIMARY KEY (round_id, university_id, discipline, kind)
      )`);
    await q.query(`
      CREATE TABLE report_assignment (
        assignment_id uuid PRIMARY KEY,
        round_id uuid NOT NULL,
        expert_id text NOT NULL,
        kind text NOT NULL,
        university_id text NOT NULL,
        college_id text NOT NULL,
        discipline text NOT NULL,
        project_id text NOT NULL,
        district_id text NOT NULL,
        issue_type text NOT NULL,
        weight int NOT NULL,
        matched_issue_type text NOT NULL,
        matched_discipline text NOT NULL,
        origin text NOT NULL,
        status text NOT NULL,
        decline_reason text,
        deadline timestamptz NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_at timestamptz,
        revision int NOT NULL
      )`);
    await q.query(`CREATE INDEX report_assignment_round ON report_assignment (round_id, project_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_assignment`);
    await q.query(`DROP TABLE report_round_experts`);
    await q.query(`DROP TABLE report_round_project`);
    await q.query(`DROP TABLE report_round`);
  }
}
