import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReadModel1764100000301 implements MigrationInterface {
  name = 'ReadModel1764100000301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE project_view (
        project_id text PRIMARY KEY,
        district_id text NOT NULL,
        status text NOT NULL,
        revision int NOT NULL,
        snapshot jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE expert_view (
        expert_id text PRIMARY KEY,
        kind text NOT NULL,
        university_id text NOT NULL,
        available boolean NOT NULL,
        revision int NOT NULL,
        snapshot jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE expert_view`);
    await q.query(`DROP TABLE project_view`);
  }
}
