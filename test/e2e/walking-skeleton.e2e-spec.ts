import { Client } from 'pg';
import { requestJson, ServiceStack, waitFor } from '@civic/testing';

/**
 * The walking skeleton through real processes, the real broker and real databases: a project and an expert written
 * over HTTP reach matching's own tables (and reporting's feed) only by way of Kafka.
 */
describe('walking skeleton', () => {
  let stack: ServiceStack;
  let matchingDb: Client;

  beforeAll(async () => {
    stack = await ServiceStack.start();
    matchingDb = new Client({ connectionString: stack.databaseUrl('matching') });
    await matchingDb.connect();
  });

  afterAll(async () => {
    await matchingDb?.end();
    await stack?.stop();
  });

  it('a project registered in the registry lands in matching\'s read model through Kafka', async () => {
    const registry = stack.service('project-registry').url;
    const created = await requestJson('POST', `${registry}/projects`, {
      externalKey: 'E2E-XILING',
      name: '西凌新邨“联小建大”',
      districtId: 'huangpu',
      streetCode: '310101015',
      communityType: 'residential',
      issueTypes: ['property_governance', 'pain_points'],
      wantedDisciplines: ['law'],
      slots: { teacher: { min: 1, max: 3 }, student: { min: 2, max: 4 } },
    });
    expect(created.status).toBe(201);
    const id = created.body.projectId;

    const row = await waitFor('the project in matching.project_view', async () => {
      const { rows } = await matchingDb.query('SELECT revision, status, snapshot FROM project_view WHERE project_id = $1', [id]);
      return rows[0];
    });
    expect(row).toMatchObject({ revision: 1, status: 'active' });
    expect(row.snapshot.issueTypes).toEqual(['property_governance', 'pain_points']);

    const { rows: inbox } = await matchingDb.query(`SELECT type FROM inbox_event WHERE type = 'project.registered'`);
    expect(inbox).toHaveLength(1);
  });

  it('an expert registered in the pool lands in matching\'s read model and in reporting\'s event feed', async () => {
    const pool = stack.service('expert-pool').url;
    const created = await requestJson('POST', `${pool}/experts`, {
      externalKey: 'E2E-T1',
      kind: 'teacher',
      name: '黄老师（合成）',
      universityId: 'shu',
      collegeId: 'shu_soc',
      disciplines: ['sociology'],
      capacity: 2,
    });
    expect(created.status).toBe(201);
    const id = created.body.expertId;

    await waitFor('the expert in matching.expert_view', async () => {
      const { rows } = await matchingDb.query('SELECT kind, university_id FROM expert_view WHERE expert_id = $1', [id]);
      return rows[0]?.university_id === 'shu';
    });
    const summary = await requestJson('GET', `${stack.service('matching').url}/read-model/summary`);
    expect(summary.body.experts.teachers).toBe(1);

    const feed = await waitFor('both events in the reporting feed', async () => {
      const page = await requestJson('GET', `${stack.service('reporting').url}/events?after=0`);
      return page.body.events.length >= 2 ? page.body : undefined;
    });
    expect(feed.events.map((e: { type: string }) => e.type).sort()).toEqual(['expert.registered', 'project.registered']);
    const onlyExperts = await requestJson('GET', `${stack.service('reporting').url}/events?types=expert.registered`);
    expect(onlyExperts.body.events.map((e: { key: string }) => e.key)).toEqual([id]);
  });

  it('bad input is a 400 naming each field and rule, and nothing is written', async () => {
    const registry = stack.service('project-registry').url;
    const bad = await requestJson('POST', `${registry}/projects`, {
      externalKey: 'E2E-BAD',
      name: 'x',
      districtId: 'atlantis',
      streetCode: '310101015',
      communityType: 'residential',
      issueTypes: ['property_governance'],
      slots: { teacher: { min: 3, max: 1 }, student: { min: 1, max: 2 } },
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['districtId', 'slots.teacher.min']));
    const missing = await requestJson('GET', `${registry}/projects/E2E-BAD`);
    expect(missing.status).toBe(404);
  });

  it('every service reports database, Kafka, Redis (and its consumer, if it consumes) on /health, answers its liveness and readiness probes and serves Prometheus metrics', async () => {
    for (const service of stack.services.values()) {
      const health = await requestJson('GET', `${service.url}/health`);
      expect(health.status).toBe(200);
      const consumes = service.name !== 'project-registry';
      expect(Object.keys(health.body.checks).sort()).toEqual(consumes ? ['consumer', 'database', 'kafka', 'redis'] : ['database', 'kafka', 'redis']);
      if (consumes) expect(health.body.checks.consumer).toMatchObject({ status: 'up', detail: { state: 'consuming' } });
      expect(await requestJson('GET', `${service.url}/health/live`)).toMatchObject({ status: 200, body: { status: 'up' } });
      expect(await requestJson('GET', `${service.url}/health/ready`)).toMatchObject({ status: 200, body: { status: 'up', checks: { database: { status: 'up' } } } });
    }
    const metrics = await fetch(`${stack.service('project-registry').url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/events_published_total\{[^}]*type="project.registered"[^}]*\} 1/);
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/projects"[^}]*status="201"/);
  });
});
