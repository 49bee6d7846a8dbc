import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk import jobs: their progress, row errors and (until they end) the uploaded file. */
export class ImportJobs1764100000204 implements MigrationInterface {
  name = 'ImportJobs1764100000204';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_job (
        id uuid PRIMARY KEY,
        mode text NOT NULL CHECK (mode IN ('all-or-nothing', 'valid-rows')),
        format text NOT NULL CHECK (format IN ('csv', 'json')),
        options jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'rejected', 'failed')),
        total int NOT NULL,
        checked int NOT NULL DEFAULT 0,
        created int NOT NULL DEFAULT 0,
        updated int NOT NULL DEFAULT 0,
        unchanged int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        errors_truncated boolean NOT NULL DEFAULT false,
        message text,
        payload text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz
      )`);
    await q.query(`CREATE INDEX import_job_open ON import_job (created_at) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_job`);
  }
}
