import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates `import_job` (ImportJobEntity): the jobs' progress, row errors and, until they end, the uploaded file. */
export async function createImportJobTable(q: QueryRunner): Promise<void> {
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

/** Drops `import_job`. */
export async function dropImportJobTable(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE import_job`);
}

/**
 * The migration that creates `import_job`. Each service lists a subclass that only sets `name`: TypeORM records
 * migrations by name (the timestamp is its last 13 digits), and the services first shipped the table under their
 * own names (`ImportJobs1764100000103`, `ImportJobs1764100000204`), which their databases already hold.
 */
export abstract class ImportJobTableMigration implements MigrationInterface {
  abstract readonly name: string;

  up(q: QueryRunner): Promise<void> {
    return createImportJobTable(q);
  }

  down(q: QueryRunner): Promise<void> {
    return dropImportJobTable(q);
  }
}
