import { KnownProjectsService } from './known-projects.service';
import type { KnownProjectsStore, ProjectRef } from './known-projects.store';

/** A known_project table in memory, answering the two reads the service makes. */
function fakeDb(rows: { project_id: string; external_key: string; status: string }[]): KnownProjectsStore {
  const store = {
    count: async () => rows.length,
    find: async (refs: readonly string[], by: ProjectRef) =>
      rows
        .filter((r) => refs.includes(by === 'id' ? r.project_id : r.external_key))
        .map((r) => ({ projectId: r.project_id, externalKey: r.external_key, status: r.status })),
  };
  return store as unknown as KnownProjectsStore;
}

const project = (n: number) => ({ project_id: `P0000${n}`, external_key: `KEY-${n}`, status: 'active' });

describe('KnownProjectsService.lookupWhenKnown', () => {
  it('answers at once when every ref is known', async () => {
    const service = new KnownProjectsService(fakeDb([project(1), project(2)]));
    const started = Date.now();
    const known = await service.lookupWhenKnown(['KEY-1', 'KEY-2'], 'externalKey', { idleMs: 5000, maxMs: 5000 });
    expect([...known.keys()].sort()).toEqual(['KEY-1', 'KEY-2']);
    expect(known.get('KEY-2')).toEqual({ projectId: 'P00002', externalKey: 'KEY-2', status: 'active' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits while projects keep arriving, and answers once the missing ones are there', async () => {
    const rows = [project(1)];
    const arrivals = [project(2), project(3)];
    const timer = setInterval(() => arrivals.length && rows.push(arrivals.shift()!), 300);
    try {
      const service = new KnownProjectsService(fakeDb(rows));
      const known = await service.lookupWhenKnown(['P00003', 'P00001'], 'id', { idleMs: 1000, maxMs: 10_000 });
      expect([...known.keys()].sort()).toEqual(['P00001', 'P00003']);
    } finally {
      clearInterval(timer);
    }
  });

  it('gives up once no project has arrived for idleMs, leaving the unknown ref out', async () => {
    const service = new KnownProjectsService(fakeDb([project(1)]));
    const started = Date.now();
    const known = await service.lookupWhenKnown(['KEY-1', 'NO-SUCH'], 'externalKey', { idleMs: 600, maxMs: 10_000 });
    expect([...known.keys()]).toEqual(['KEY-1']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up after maxMs even while projects keep arriving', async () => {
    const rows = [project(1)];
    let n = 10;
    const timer = setInterval(() => rows.push(project(n++)), 100);
    try {
      const started = Date.now();
      const known = await new KnownProjectsService(fakeDb(rows)).lookupWhenKnown(['NO-SUCH'], 'externalKey', { idleMs: 1000, maxMs: 700 });
      expect(known.size).toBe(0);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      clearInterval(timer);
    }
  });

  it('stops waiting when its signal aborts (the service is shutting down)', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const started = Date.now();
    const known = await new KnownProjectsService(fakeDb([])).lookupWhenKnown(['KEY-1'], 'externalKey', { idleMs: 10_000, maxMs: 10_000, signal: stop.signal });
    expect(known.size).toBe(0);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
