import { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1764100000101 implements MigrationInterface {
  name = 'Projects1764100000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE project_number_seq`);
    await q.query(`
      CREATE TABLE project (
        id text PRIMARY KEY,
        external_key text NOT NULL UNIQUE,
        name text NOT NULL,
        district_id text NOT NULL,
        street_code text NOT NULL,
        community_type text NOT NULL,
        issue_types text[] NOT NULL CHECK (cardinality(issue_types) BETWEEN 1 AND 3),
        wanted_disciplines text[] NOT NULL DEFAULT '{}',
        teacher_min int NOT NULL CHECK (teacher_min >= 0),
        teacher_max int NOT NULL CHECK (teacher_max >= teacher_min),
        student_min int NOT NULL CHECK (student_min >= 0),
        student_max int NOT NULL CHECK (student_max >= student_min),
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
        revision int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX project_district ON project (district_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project`);
    await q.query(`DROP SEQUENCE project_number_seq`);
  }
}
