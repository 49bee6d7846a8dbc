import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each university's coordinators: who answers its proposals and hears of them by email. */
export class Coordinators1764100000205 implements MigrationInterface {
  name = 'Coordinators1764100000205';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE university_coordinators (
        university_id text PRIMARY KEY,
        coordinators jsonb NOT NULL,
        revision int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE university_coordinators`);
  }
}
