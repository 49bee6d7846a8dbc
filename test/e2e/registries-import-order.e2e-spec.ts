import { Client } from 'pg';
import { CSV_EOL, csvRow, EXPERT_CSV_COLUMNS, generateSeason, seasonCsvFiles } from '@civic/catalogue';
import { requestJson, ServiceStack } from '@civic/testing';
import { importFile, importSeason } from '../../tools/import/import';

/**
 * Expert preferences name projects, which expert-pool learns of through Kafka. An expert file sent before
 * expert-pool has heard of the projects it names must import exactly as it would a minute later: otherwise the
 * first import's outcome depends on consumer lag, and importing the same files again is not a no-op.
 */
describe('registries: experts imported before expert-pool has heard of their projects', () => {
  const season = generateSeason({ seed: 1, scale: 1 });
  const files = seasonCsvFiles(season);
  // Short enough for the unknown-key case to end quickly, long enough for a consumer that is catching up.
  const WAIT_MS = 8000;
  let stack: ServiceStack;
  let poolDb: Client;
  let registry: string;
  let pool: string;

  const outbox = async (): Promise<Record<string, number>> => {
    const { rows } = await poolDb.query(`SELECT type, count(*)::int AS n FROM outbox_event GROUP BY type`);
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  };

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: ['project-registry', 'expert-pool'], env: { IMPORT_PREFERENCES_WAIT_MS: String(WAIT_MS) } });
    registry = stack.service('project-registry').url;
    pool = stack.service('expert-pool').url;
    poolDb = new Client({ connectionString: stack.databaseUrl('expert-pool') });
    await poolDb.connect();
  });

  afterAll(async () => {
    await poolDb?.end();
    await stack?.stop();
  });

  it('teachers and students sent the moment expert-pool is back, before it has heard of the projects, all import; importing again changes nothing', async () => {
    // expert-pool is down while the projects are imported, so their events wait in Kafka. When it is back, a lock
    // holds its writes of known projects until the teachers' file has been sent: on a fast machine its consumer
    // would otherwise catch up before the file arrives, and the test would prove nothing.
    await stack.service('expert-pool').stop();
    const projects = await importFile({ service: 'projects', url: registry, body: { contentType: 'text/csv', data: files['projects.csv'] } });
    expect(projects.counts).toMatchObject({ created: 175, rejected: 0 });
    const hold = new Client({ connectionString: stack.databaseUrl('expert-pool') });
    await hold.connect();
    let teachers;
    try {
      await hold.query('BEGIN');
      await hold.query('LOCK TABLE known_project IN EXCLUSIVE MODE');
      await stack.service('expert-pool').start();
      const known = (await requestJson('GET', `${pool}/known-projects/summary`)).body;
      expect(known.active).toBeLessThan(175); // what this test is about: the files arrive before the projects have
      const sent = importFile({ service: 'teachers', url: pool, body: { contentType: 'text/csv', data: files['teachers.csv'] } });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await hold.query('COMMIT');
      teachers = await sent;
    } finally {
      await hold.end();
    }
    const students = await importFile({ service: 'students', url: pool, body: { contentType: 'text/csv', data: files['students.csv'] } });
    expect(teachers).toMatchObject({ status: 'completed', counts: { total: 541, created: 541, rejected: 0 } });
    expect(students).toMatchObject({ status: 'completed', counts: { total: 830, created: 830, rejected: 0 } });
    const withPreferences = season.students.find((s) => s.preferences.length >= 3)!;
    const { body: page } = await requestJson('GET', `${pool}/experts?universityId=${withPreferences.universityId}&kind=student&pageSize=200`);
    const student = page.items.find((e: { externalKey: string }) => e.externalKey === withPreferences.id);
    expect(student.preferences).toEqual(withPreferences.preferences);
    const events = await outbox();
    expect(events).toEqual({ 'expert.registered': 1371 });

    const again = await importSeason(season, { registryUrl: registry, expertPoolUrl: pool });
    expect(again.projects.counts).toMatchObject({ unchanged: 175, created: 0, updated: 0, rejected: 0 });
    expect(again.teachers.counts).toMatchObject({ unchanged: 541, created: 0, updated: 0, rejected: 0 });
    expect(again.students.counts).toMatchObject({ unchanged: 830, created: 0, updated: 0, rejected: 0 });
    // No expert event again; importSeason sets each university's coordinator, for the first time here.
    expect(await outbox()).toEqual({ ...events, 'coordinators.set': 10 });
    expect(again.coordinators).toBe(10);
  });

  it('a preference naming a project the registry never announced rejects the row, naming preferences and the key', async () => {
    const cells: Record<(typeof EXPERT_CSV_COLUMNS)[number], string | number> = {
      external_key: 'ORPHAN-T1', name_zh: '钱明（虚拟）', name_en: 'Qian Ming (synthetic)', kind: 'teacher', university_id: 'fdu',
      college_id: 'fdu_ssdpp', disciplines: 'sociology', capacity: 1, availability: 'weekends', preferences: 'P00001|NO-SUCH-PROJECT',
      lat: 31.299, lon: 121.503,
    };
    const csv = csvRow(EXPERT_CSV_COLUMNS) + CSV_EOL + csvRow(EXPERT_CSV_COLUMNS.map((c) => cells[c])) + CSV_EOL;
    const before = await outbox();
    const started = Date.now();
    const job = await importFile({ service: 'teachers', url: pool, body: { contentType: 'text/csv', data: csv } });
    expect(job).toMatchObject({ status: 'rejected', counts: { total: 1, imported: 0, rejected: 1 } });
    expect(job.errors).toEqual([expect.objectContaining({ line: 2, field: 'preferences', rule: 'knownProject', message: expect.stringContaining('NO-SUCH-PROJECT') })]);
    // It waited for the project while expert-pool might still hear of it, then gave up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);
    expect(await outbox()).toEqual(before);
  });
});
