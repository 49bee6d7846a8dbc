import { MigrationInterface, QueryRunner } from 'typeorm';

export class Experts1764100000201 implements MigrationInterface {
  name = 'Experts1764100000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE teacher_number_seq`);
    await q.query(`CREATE SEQUENCE student_number_seq`);
    await q.query(`
      CREATE TABLE expert (
        id text PRIMARY KEY,
        external_key text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('teacher', 'student')),
        name text NOT NULL,
        university_id text NOT NULL,
        college_id text NOT NULL,
        disciplines text[] NOT NULL CHECK (cardinality(disciplines) BETWEEN 1 AND 3),
        capacity int NOT NULL CHECK (capacity BETWEEN 0 AND 10),
        available boolean NOT NULL,
        preferences text[] NOT NULL DEFAULT '{}',
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        revision int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX expert_university ON expert (university_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE expert`);
    await q.query(`DROP SEQUENCE student_number_seq`);
    await q.query(`DROP SEQUENCE teacher_number_seq`);
  }
}
