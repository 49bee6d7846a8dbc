import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per HTTP request that changed the service's state (who, what, when), written in the same
 * transaction as the change. ServiceCoreModule lists this migration for every service.
 */
export class AuditEntries1795698499045 implements MigrationInterface {
  name = 'AuditEntries1795698499045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        service text NOT NULL,
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        actor_university text,
        token_id text,
        action text NOT NULL,
        path text NOT NULL,
        target jsonb NOT NULL DEFAULT '{}',
        correlation_id text,
        client_ip text
      )`);
    await q.query(`CREATE INDEX audit_entry_occurred_at ON audit_entry (occurred_at)`);
    await q.query(`CREATE INDEX audit_entry_actor ON audit_entry (actor_subject, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
  }
}
