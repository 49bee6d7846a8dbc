import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team policies: each round's teams and the engine's certificate as its latest round event declared them, and each
 * assignment's lead university.
 */
export class RoundTeams1764100000404 implements MigrationInterface {
  name = 'RoundTeams1764100000404';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_round ADD COLUMN teams jsonb`);
    await q.query(`ALTER TABLE report_round ADD COLUMN certificate jsonb`);
    await q.query(`ALTER TABLE report_assignment ADD COLUMN lead_university_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_assignment DROP COLUMN lead_university_id`);
    await q.query(`ALTER TABLE report_round DROP COLUMN certificate`);
    await q.query(`ALTER TABLE report_round DROP COLUMN teams`);
  }
}
