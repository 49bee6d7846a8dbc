import { MigrationInterface, QueryRunner } from 'typeorm';

/** The import file's English name and availability schedule, and indexes for the list filters. */
export class ExpertDetails1764100000202 implements MigrationInterface {
  name = 'ExpertDetails1764100000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE expert ADD COLUMN name_en text`);
    await q.query(`ALTER TABLE expert ADD COLUMN availability text CHECK (availability IN ('weekdays', 'evenings', 'weekends', 'flexible'))`);
    await q.query(`CREATE INDEX expert_college ON expert (college_id)`);
    await q.query(`CREATE INDEX expert_disciplines ON expert USING gin (disciplines)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX expert_disciplines`);
    await q.query(`DROP INDEX expert_college`);
    await q.query(`ALTER TABLE expert DROP COLUMN availability`);
    await q.query(`ALTER TABLE expert DROP COLUMN name_en`);
  }
}
