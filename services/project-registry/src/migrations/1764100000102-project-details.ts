import { MigrationInterface, QueryRunner } from 'typeorm';

/** The import file's English name and partner streets, and indexes for the list filters. */
export class ProjectDetails1764100000102 implements MigrationInterface {
  name = 'ProjectDetails1764100000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project ADD COLUMN name_en text`);
    await q.query(`ALTER TABLE project ADD COLUMN partner_street_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX project_issue_types ON project USING gin (issue_types)`);
    await q.query(`CREATE INDEX project_street ON project (street_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX project_street`);
    await q.query(`DROP INDEX project_issue_types`);
    await q.query(`ALTER TABLE project DROP COLUMN partner_street_codes`);
    await q.query(`ALTER TABLE project DROP COLUMN name_en`);
  }
}
