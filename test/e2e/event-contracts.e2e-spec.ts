import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { PROJECT_EVENTS, TOPICS, type ProjectSnapshotV1 } from '@civic/contracts';
import { requestJson, ServiceStack, waitFor } from '@civic/testing';

/**
 * Contracts are checked at the consumer: an event whose payload breaks its type's contract goes to the dead letters
 * at once, with the fields at fault, while a conforming one on the same topic is applied. Real processes, the real
 * broker and databases; the events are produced raw, past every outbox, as a faulty or foreign producer would.
 */
describe('event contracts at the consumer', () => {
  let stack: ServiceStack;
  let matchingDb: Client;

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: ['matching', 'reporting'] });
    matchingDb = new Client({ connectionString: stack.databaseUrl('matching') });
    await matchingDb.connect();
  });

  afterAll(async () => {
    await matchingDb?.end();
    await stack?.stop();
  });

  const envelopeOf = (key: string, payload: unknown) => ({
    id: randomUUID(),
    type: PROJECT_EVENTS.registered,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'e2e-foreign-producer',
    correlationId: `contracts-${key}`,
    key,
    payload,
  });

  it('dead-letters a payload that breaks its contract, naming the fields, and applies a conforming one', async () => {
    const valid: ProjectSnapshotV1 = {
      projectId: `P-CONTRACT-OK-${stack.runId}`,
      externalKey: 'E2E-CONTRACT-OK',
      name: '合同检查（合成）',
      districtId: 'huangpu',
      streetCode: '310101015',
      communityType: 'residential',
      issueTypes: ['property_governance'],
      wantedDisciplines: ['law'],
      slots: { teacher: { min: 1, max: 2 }, student: { min: 1, max: 3 } },
      location: { lat: 31.2304, lon: 121.4737 },
      status: 'active',
      revision: 1,
    };
    const invalidKey = `P-CONTRACT-BAD-${stack.runId}`;
    // A producer with a bug: slots as a number, no location, the revision as text.
    const invalidPayload = { ...valid, projectId: invalidKey, slots: 3, location: undefined, revision: '1' };
    const invalid = envelopeOf(invalidKey, invalidPayload);
    const good = envelopeOf(valid.projectId, valid);

    const kafka = new Kafka({ clientId: 'e2e-contracts', brokers: stack.infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const topic = `${stack.runId}.${TOPICS.projects}`;
      await producer.send({ topic, acks: -1, messages: [invalid, good].map((e) => ({ key: e.key, value: JSON.stringify(e) })) });
    } finally {
      await producer.disconnect();
    }

    const row = await waitFor('the conforming project in matching.project_view', async () => {
      const { rows } = await matchingDb.query('SELECT revision, status FROM project_view WHERE project_id = $1', [valid.projectId]);
      return rows[0];
    });
    expect(row).toMatchObject({ revision: 1, status: 'active' });

    for (const service of ['matching', 'reporting'] as const) {
      const letter = await waitFor(`the broken event in ${service}'s dead letters`, async () => {
        const res = await requestJson('GET', `${stack.service(service).url}/admin/dead-letters?status=dead`);
        expect(res.status).toBe(200);
        return (res.body.items as Array<{ eventId: string | null }>).find((l) => l.eventId === invalid.id);
      });
      // Straight to the dead letters: a broken payload fails the same way on every attempt.
      expect(letter).toMatchObject({ eventType: 'project.registered', key: invalidKey, attempts: 1, status: 'dead' });
      const error = (letter as unknown as { error: string }).error;
      expect(error).toContain('payload breaks the project.registered v1 contract');
      expect(error).toContain('payload.slots: slots must be an object');
      expect(error).toContain('payload.location: location must be an object');
      expect(error).toContain('payload.revision: revision must be an integer number');
    }
    const { rows: none } = await matchingDb.query('SELECT 1 FROM project_view WHERE project_id = $1', [invalidKey]);
    expect(none).toHaveLength(0);

    // reporting's feed holds the conforming event only.
    const ids = await waitFor('the conforming event in the feed', async () => {
      const feed = await requestJson('GET', `${stack.service('reporting').url}/events?after=0`);
      const list = (feed.body.events as Array<{ id: string }>).map((e) => e.id);
      return list.includes(good.id) ? list : undefined;
    });
    expect(ids).toEqual([good.id]);
  });

  it('answers an unknown dead letter in the one error shape', async () => {
    const id = randomUUID();
    const res = await requestJson('GET', `${stack.service('matching').url}/admin/dead-letters/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { status: 404, code: 'not_found', message: `dead letter ${id} does not exist` }, correlationId: expect.any(String) });
  });
});
