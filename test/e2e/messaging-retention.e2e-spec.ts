import { DataSource } from 'typeorm';
import { MessagingModule, MessagingRetention } from '@civic/messaging';
import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { testInfrastructure, uniqueRunId } from '@civic/testing';

/** The retention sweep on a real PostgreSQL database with the messaging migrations. */
describe('messaging retention', () => {
  let url: string;
  let db: DataSource;
  const cutOff = new Date('2026-11-01T00:00:00Z');
  const before = "timestamptz '2026-10-20T00:00:00Z'";
  const after = "timestamptz '2026-11-20T00:00:00Z'";

  beforeAll(async () => {
    url = `${(await testInfrastructure()).postgresUrl}/${uniqueRunId('retention')}`;
    await ensureDatabase(url);
    db = new DataSource({ type: 'postgres', url, migrations: MessagingModule.migrations });
    await db.initialize();
    await db.runMigrations();
  });

  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(url);
  });

  beforeEach(async () => {
    await db.query('TRUNCATE outbox_event, inbox_event');
    // Outbox: 12,000 published before the cut-off, 5 published after, 7 never published (created long before).
    const outbox = (n: number, created: string, published: string) =>
      db.query(
        `INSERT INTO outbox_event (event_id, topic, key, type, envelope, created_at, published_at)
         SELECT gen_random_uuid(), 'civic.test', 'k' || i, 'test.event', '{}', ${created}, ${published} FROM generate_series(1, ${n}) i`,
      );
    await outbox(12_000, before, before);
    await outbox(5, before, after);
    await outbox(7, before, 'NULL');
    // Inbox: 9,000 applied before the cut-off, 4 after, for two consumer groups.
    const inbox = (n: number, group: string, applied: string) =>
      db.query(
        `INSERT INTO inbox_event (consumer_group, event_id, type, topic, partition, "offset", applied_at)
         SELECT '${group}', gen_random_uuid(), 'test.event', 'civic.test', 0, i, ${applied} FROM generate_series(1, ${n}) i`,
      );
    await inbox(6_000, 'matching', before);
    await inbox(3_000, 'reporting', before);
    await inbox(4, 'reporting', after);
  });

  const left = async () => {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL)::int AS published,
              (SELECT count(*) FROM outbox_event WHERE published_at IS NULL)::int AS unpublished,
              (SELECT count(*) FROM inbox_event)::int AS inbox`,
    );
    return row;
  };

  it('deletes published outbox rows and inbox rows older than the cut-off, in batches, and nothing else', async () => {
    const swept = await new MessagingRetention(db).sweep(cutOff, 1000);
    expect(swept).toEqual({ outbox: 12_000, inbox: 9_000 });
    expect(await left()).toEqual({ published: 5, unpublished: 7, inbox: 4 });
    expect(await new MessagingRetention(db).sweep(cutOff, 1000)).toEqual({ outbox: 0, inbox: 0 });
  });

  it('lets replicas sweep at the same time, each row deleted once', async () => {
    const sweeps = await Promise.all([1, 2, 3].map(() => new MessagingRetention(db).sweep(cutOff, 500)));
    expect(sweeps.reduce((n, s) => n + s.outbox, 0)).toBe(12_000);
    expect(sweeps.reduce((n, s) => n + s.inbox, 0)).toBe(9_000);
    expect(await left()).toEqual({ published: 5, unpublished: 7, inbox: 4 });
  });

  it('leaves a row a transaction holds to the next sweep', async () => {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT seq FROM outbox_event WHERE published_at < $1 ORDER BY seq LIMIT 1 FOR UPDATE`, [cutOff]);
      expect((await new MessagingRetention(db).sweep(cutOff)).outbox).toBe(11_999);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await new MessagingRetention(db).sweep(cutOff)).outbox).toBe(1);
  });
});
