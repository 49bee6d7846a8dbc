// ChangeCache on a real PostgreSQL: an answer is served again until a committed change of its table is announced,
// never after; a lost LISTEN connection stops the caching until it is back.
import { ChangeCache, dropDatabase, ensureDatabase, notifyOnChangeSql } from '@civic/persistence';
import { testInfrastructure, uniqueRunId, waitFor } from '@civic/testing';
import { Client } from 'pg';

describe('ChangeCache (PostgreSQL NOTIFY from statement triggers)', () => {
  let url: string;
  let writer: Client;
  let cache: ChangeCache<number>;
  let reads = 0;
  const count = async (): Promise<number> => {
    reads++;
    return Number((await writer.query('SELECT coalesce(sum(id), 0)::int AS n FROM item')).rows[0].n);
  };

  /** Once the last notification is in (a read may have raced it), the answer is served without reading again. */
  const settled = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r, 200));
    const value = await cache.get('n', count);
    const after = reads;
    expect(await cache.get('n', count)).toBe(value);
    expect(reads).toBe(after);
  };

  beforeAll(async () => {
    url = `${(await testInfrastructure()).postgresUrl}/${uniqueRunId('changecache')}`;
    await ensureDatabase(url);
    writer = new Client({ connectionString: url });
    await writer.connect();
    await writer.query('CREATE TABLE item (id int PRIMARY KEY)');
    for (const sql of notifyOnChangeSql('item_changes', ['item'])) await writer.query(sql);
    cache = new ChangeCache({ databaseUrl: url, channel: 'item_changes', maxEntries: 10 });
    await cache.start();
  });

  afterAll(async () => {
    await cache?.stop();
    await writer?.end();
    await dropDatabase(url);
  });

  it('reads once while nothing changes, and again after each committed insert, update, delete or truncate', async () => {
    expect(cache.listening).toBe(true);
    reads = 0;
    expect(await cache.get('n', count)).toBe(0);
    expect(await cache.get('n', count)).toBe(0);
    expect(reads).toBe(1);

    const changes: Array<[string, number]> = [
      ['INSERT INTO item VALUES (1), (2)', 3],
      ['UPDATE item SET id = 3 WHERE id = 2', 4],
      ['DELETE FROM item WHERE id = 1', 3],
      ['TRUNCATE item', 0],
    ];
    for (const [sql, expected] of changes) {
      const before = reads;
      await writer.query(sql);
      // The notification arrives a moment after the commit; from then on the new answer, read once and then cached.
      await waitFor(sql, async () => (await cache.get('n', count)) === expected, { timeoutMs: 5000, intervalMs: 5 });
      expect(reads).toBeGreaterThan(before);
      await settled();
    }
  });

  it('a change rolled back announces nothing; invalidate() forgets at once', async () => {
    await settled();
    const before = reads;
    await writer.query('BEGIN');
    await writer.query('INSERT INTO item VALUES (9)');
    await writer.query('ROLLBACK');
    await new Promise((r) => setTimeout(r, 200));
    await cache.get('n', count);
    expect(reads).toBe(before);
    cache.invalidate();
    await cache.get('n', count);
    expect(reads).toBe(before + 1);
  });

  it('reads every time while its LISTEN connection is gone, and caches again once it is back', async () => {
    await writer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    await waitFor('the cache to notice', async () => !cache.listening, { timeoutMs: 5000, intervalMs: 10 });
    const before = reads;
    await cache.get('n', count);
    await cache.get('n', count);
    expect(reads).toBe(before + 2);
    await waitFor('the cache to listen again', async () => cache.listening, { timeoutMs: 10_000, intervalMs: 50 });
    await writer.query('INSERT INTO item VALUES (5)');
    await waitFor('the insert to be seen', async () => (await cache.get('n', count)) === 5, { timeoutMs: 5000, intervalMs: 5 });
    await settled();
  });
});
