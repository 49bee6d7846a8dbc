import { Client } from 'pg';
import { requestJson, ServiceStack, waitFor } from '@civic/testing';

/**
 * Each university's coordinators in expert-pool: set and listed by administrators, validated (every bad field a 400
 * naming it and its rule), emitted as coordinators.set through the outbox only when the list really changed.
 */
describe('expert-pool: university coordinators', () => {
  let stack: ServiceStack;
  let pool: string;
  let db: Client;
  const events = async () =>
    (await db.query(`SELECT envelope->'payload' AS payload FROM outbox_event WHERE type = 'coordinators.set' ORDER BY created_at, event_id`)).rows.map((r) => r.payload);

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: ['expert-pool', 'reporting'] });
    pool = stack.service('expert-pool').url;
    db = new Client({ connectionString: stack.databaseUrl('expert-pool') });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it('sets a list, emits it once with its revision, and lists every university (empty where none are set)', async () => {
    const list = [
      { email: 'Office@Example.org ', name: ' 王老师 ', language: 'zh-CN' },
      { email: 'deputy@example.org', name: 'Ms Li', language: 'en' },
    ];
    const set = await requestJson('PUT', `${pool}/universities/fdu/coordinators`, { coordinators: list });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      universityId: 'fdu',
      revision: 1,
      coordinators: [
        { email: 'office@example.org', name: '王老师', language: 'zh-CN' },
        { email: 'deputy@example.org', name: 'Ms Li', language: 'en' },
      ],
    });
    // The same list again: nothing changes, nothing is emitted.
    expect((await requestJson('PUT', `${pool}/universities/fdu/coordinators`, { coordinators: list })).body.revision).toBe(1);
    const emptied = await requestJson('PUT', `${pool}/universities/fdu/coordinators`, { coordinators: [] });
    expect(emptied.body).toMatchObject({ revision: 2, coordinators: [] });
    expect(await events()).toEqual([
      { universityId: 'fdu', revision: 1, coordinators: set.body.coordinators },
      { universityId: 'fdu', revision: 2, coordinators: [] },
    ]);
    const all = await requestJson('GET', `${pool}/coordinators`);
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(10);
    expect(all.body.find((u: { universityId: string }) => u.universityId === 'tongji')).toEqual({ universityId: 'tongji', coordinators: [], revision: 0, updatedAt: null });
  });

  it.each([
    ['not an email', { coordinators: [{ email: 'nobody', name: 'x', language: 'en' }] }, 'coordinators.0.email', 'isEmail'],
    ['an unknown language', { coordinators: [{ email: 'a@example.org', name: 'x', language: 'fr' }] }, 'coordinators.0.language', 'isIn'],
    ['an empty name', { coordinators: [{ email: 'a@example.org', name: '', language: 'en' }] }, 'coordinators.0.name', 'isLength'],
    [
      'an address twice',
      { coordinators: [{ email: 'a@example.org', name: 'x', language: 'en' }, { email: 'A@example.org', name: 'y', language: 'zh-CN' }] },
      'coordinators.1.email',
      'unique',
    ],
    ['more than ten', { coordinators: Array.from({ length: 11 }, (_, i) => ({ email: `c${i}@example.org`, name: 'x', language: 'en' })) }, 'coordinators', 'arrayMaxSize'],
    ['no list', {}, 'coordinators', 'isArray'],
  ])('refuses %s with a 400 naming the field and the rule', async (_what, body, field, rule) => {
    const res = await requestJson('PUT', `${pool}/universities/sjtu/coordinators`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it('answers 404 for a university the catalogue does not know', async () => {
    const res = await requestJson('PUT', `${pool}/universities/mit/coordinators`, { coordinators: [] });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('university mit does not exist');
  });

  it("serves coordinators.set on reporting's feed to administrators only; other systems read past it", async () => {
    const reporting = stack.service('reporting').url;
    await requestJson('PUT', `${pool}/universities/tongji/coordinators`, { coordinators: [{ email: 'feed@example.org', name: 'Feed', language: 'en' }] });
    const admin = await waitFor(
      'the coordinators events on the feed',
      async () => {
        const page = (await requestJson('GET', `${reporting}/events?limit=1000`)).body;
        return page.events?.some((e: { payload: { universityId: string } }) => e.payload.universityId === 'tongji') ? page : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(admin.events.map((e: { type: string }) => e.type)).toEqual(['coordinators.set', 'coordinators.set', 'coordinators.set']);

    const service = await stack.authorization('service');
    const read = await requestJson('GET', `${reporting}/events?limit=1000`, undefined, service);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ events: [], next: '0' });
    expect(JSON.stringify(read.body)).not.toContain('@example.org');

    for (const path of ['/events?types=coordinators.set', '/events/stream?types=coordinators.set']) {
      const refused = await requestJson('GET', `${reporting}${path}`, undefined, service);
      expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
        403,
        'forbidden',
        [{ field: 'types', rule: 'admin_only', message: 'coordinators.set events are served to administrators only' }],
      ]);
    }
  });
});
