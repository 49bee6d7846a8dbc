import { MigrationInterface, QueryRunner } from 'typeorm';

/** expert-pool's own copy of the registry's projects (from project events), to check expert preferences. */
export class KnownProjects1764100000203 implements MigrationInterface {
  name = 'KnownProjects1764100000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_project (
        project_id text PRIMARY KEY,
        external_key text NOT NULL,
        status text NOT NULL,
        revision int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX known_project_external_key ON known_project (external_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_project`);
  }
}
