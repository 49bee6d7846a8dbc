import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * notifications' own tables, built only from events: who gets mail and what names to print (coordinators, projects,
 * experts), the rounds and proposals mails are about, the scheduled reminders and expiry notices, and the mail
 * outbox, whose unique (cause, recipient) is the sent-log: a mail about the same thing to the same person is
 * written once, however often its events arrive.
 */
export class Notifications1764100000501 implements MigrationInterface {
  name = 'Notifications1764100000501';

  async up(q: QueryRunner): Promise<void> {
    // Mails are about what happens from now on: a new database on a broker with history catches up without mailing.
    await q.query(`CREATE TABLE notifications_epoch (since timestamptz NOT NULL)`);
    await q.query(`INSERT INTO notifications_epoch (since) VALUES (now())`);
    await q.query(`
      CREATE TABLE coordinator_list (
        university_id text PRIMARY KEY,
        coordinators jsonb NOT NULL,
        revision int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE project_name (
        project_id text PRIMARY KEY,
        name text NOT NULL,
        name_en text,
        status text NOT NULL,
        revision int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE expert_name (
        expert_id text PRIMARY KEY,
        name text NOT NULL,
        name_en text,
        revision int NOT NULL
      )`);
    // A real round that completed: its digest goes out once every proposal it announced has arrived.
    await q.query(`
      CREATE TABLE round_notice (
        round_id uuid PRIMARY KEY,
        announced int NOT NULL,
        completed_at timestamptz NOT NULL,
        digested_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE rematch_notice (
        round_id uuid NOT NULL,
        revision int NOT NULL,
        assignment_ids uuid[] NOT NULL,
        rematched_at timestamptz NOT NULL,
        notified_at timestamptz,
        PRIMARY KEY (round_id, revision)
      )`);
    await q.query(`
      CREATE TABLE proposal (
        assignment_id uuid PRIMARY KEY,
        round_id uuid NOT NULL,
        university_id text NOT NULL,
        project_id text NOT NULL,
        expert_id text NOT NULL,
        kind text NOT NULL,
        discipline text NOT NULL,
        district_id text NOT NULL,
        issue_type text NOT NULL,
        origin text NOT NULL,
        status text NOT NULL,
        deadline timestamptz NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_at timestamptz,
        revision int NOT NULL
      )`);
    await q.query(`CREATE INDEX proposal_batch ON proposal (round_id, university_id, deadline)`);
    // Reminders (step = how long before the deadline) and expiry notices, per round, university and deadline.
    await q.query(`
      CREATE TABLE notice_job (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        round_id uuid NOT NULL,
        university_id text NOT NULL,
        deadline timestamptz NOT NULL,
        step text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'scheduled',
        ended_at timestamptz,
        UNIQUE (kind, round_id, university_id, deadline, step)
      )`);
    await q.query(`CREATE INDEX notice_job_due ON notice_job (due_at) WHERE status = 'scheduled'`);
    await q.query(`
      CREATE TABLE mail (
        id bigserial PRIMARY KEY,
        cause text NOT NULL,
        recipient text NOT NULL,
        kind text NOT NULL,
        language text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        message_id text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        smtp_response text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (cause, recipient)
      )`);
    await q.query(`CREATE INDEX mail_pending ON mail (id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['mail', 'notice_job', 'proposal', 'rematch_notice', 'round_notice', 'expert_name', 'project_name', 'coordinator_list', 'notifications_epoch']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
