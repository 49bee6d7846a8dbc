// ChangeCache and CommitNotices on a real PostgreSQL: an answer is served again until a committed write to its table
// (this process's at once, another process's once its NOTIFY arrives), never after; a rolled-back write changes
// nothing; a lost LISTEN connection stops the caching until it is back.
import { ChangeCache, CommitNotices, dropDatabase, ensureDatabase } from '@civic/persistence';
import { testInfrastructure, uniqueRunId, waitFor } from '@civic/testing';
import { DataSource } from 'typeorm';

describe('ChangeCache with CommitNotices (NOTIFY after commit)', () => {
  let url: string;
  /** This process's DataSource, and another process's (its own CommitNotices). */
  let here: DataSource;
  let there: DataSource;
  let cache: ChangeCache<number>;
  let reads = 0;
  const sum = async (): Promise<number> => {
    reads++;
    return Number((await here.query('SELECT coalesce(sum(id), 0)::int AS n FROM item'))[0].n);
  };
  /** Once the last notification is in (a read may have raced it), the answer is served without reading again. */
  const settled = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r, 200));
    const value = await cache.get('n', sum);
    const after = reads;
    expect(await cache.get('n', sum)).toBe(value);
    expect(reads).toBe(after);
  };

  beforeAll(async () => {
    url = `${(await testInfrastructure()).postgresUrl}/${uniqueRunId('changecache')}`;
    await ensureDatabase(url);
    here = await new DataSource({ type: 'postgres', url }).initialize();
    there = await new DataSource({ type: 'postgres', url }).initialize();
    await here.query('CREATE TABLE item (id int PRIMARY KEY)');
    cache = new ChangeCache({ databaseUrl: url, channel: 'item_changes', maxEntries: 10 });
    await cache.start();
    CommitNotices.of(here).watch(['item'], 'item_changes', () => cache.invalidate());
    CommitNotices.of(there).watch(['item'], 'item_changes');
  });

  afterAll(async () => {
    await cache?.stop();
    await here?.destroy();
    await there?.destroy();
    await dropDatabase(url);
  });

  it("reads once while nothing changes; this process's committed write is seen at once, without waiting for its NOTIFY", async () => {
    expect(cache.listening).toBe(true);
    reads = 0;
    expect(await cache.get('n', sum)).toBe(0);
    expect(await cache.get('n', sum)).toBe(0);
    expect(reads).toBe(1);
    await here.transaction(async (m) => {
      await m.query('INSERT INTO item VALUES (1), (2)');
    });
    expect(await cache.get('n', sum)).toBe(3);
    await here.query('UPDATE item SET id = 4 WHERE id = 2');
    expect(await cache.get('n', sum)).toBe(5);
    await settled();
  });

  it("another process's committed insert, update, delete or truncate is seen once its NOTIFY arrives", async () => {
    const changes: Array<[string, number]> = [
      ['INSERT INTO item VALUES (10)', 15],
      ['UPDATE item SET id = 11 WHERE id = 10', 16],
      ['DELETE FROM item WHERE id = 1', 15],
      ['TRUNCATE item', 0],
    ];
    for (const [sql, expected] of changes) {
      const before = reads;
      await there.transaction((m) => m.query(sql));
      await waitFor(sql, async () => (await cache.get('n', sum)) === expected, { timeoutMs: 5000, intervalMs: 5 });
      expect(reads).toBeGreaterThan(before);
      await settled();
    }
  });

  it('a rolled-back write announces nothing', async () => {
    await settled();
    const before = reads;
    await there
      .transaction(async (m) => {
        await m.query('INSERT INTO item VALUES (9)');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(await cache.get('n', sum)).toBe(0);
    expect(reads).toBe(before);
  });

  it('reads every time while its LISTEN connection is gone, and caches again once it is back', async () => {
    await there.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    await waitFor('the cache to notice', async () => !cache.listening, { timeoutMs: 5000, intervalMs: 10 });
    const before = reads;
    await cache.get('n', sum);
    await cache.get('n', sum);
    expect(reads).toBe(before + 2);
    await waitFor('the cache to listen again', async () => cache.listening, { timeoutMs: 10_000, intervalMs: 50 });
    await there.transaction((m) => m.query('INSERT INTO item VALUES (5)'));
    await waitFor('the insert to be seen', async () => (await cache.get('n', sum)) === 5, { timeoutMs: 5000, intervalMs: 5 });
    await settled();
  });
});
