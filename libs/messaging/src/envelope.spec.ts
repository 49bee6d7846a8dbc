import { createEnvelope, MalformedEnvelopeError, parseEnvelope } from './envelope';
import { withCorrelationId } from './correlation/correlation';

describe('event envelope', () => {
  it('stamps id, version, time, source and the current correlation id on a draft', () => {
    const e = withCorrelationId('req-42', () =>
      createEnvelope('project-registry', { type: 'project.registered', key: 'P00001', payload: { projectId: 'P00001' } }, new Date('2026-01-02T03:04:05Z')),
    );
    expect(e).toMatchObject({
      type: 'project.registered',
      version: 1,
      occurredAt: '2026-01-02T03:04:05.000Z',
      source: 'project-registry',
      correlationId: 'req-42',
      key: 'P00001',
    });
    expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('round-trips through the wire format', () => {
    const e = createEnvelope('expert-pool', { type: 'expert.registered', key: 'T000001', payload: { a: 1 } });
    expect(parseEnvelope(Buffer.from(JSON.stringify(e)))).toEqual(e);
  });

  it.each([
    ['null', null, /no value/],
    ['not JSON', '{nope', /not JSON/],
    ['missing fields', JSON.stringify({ id: 'x', type: '' }), /id must be a UUID; type must be a non-empty string; version/],
  ])('refuses %s as malformed', (_label, value, message) => {
    expect(() => parseEnvelope(value)).toThrow(MalformedEnvelopeError);
    expect(() => parseEnvelope(value)).toThrow(message);
  });
});
