import { headerText, originalHeaders } from './pipeline-headers';

describe('pipeline headers', () => {
  it('reads a header as text whether kafkajs gives a Buffer, a string or a list', () => {
    const headers = { a: Buffer.from('one'), b: 'two', c: [Buffer.from('three'), Buffer.from('four')], d: undefined };
    expect([headerText(headers, 'a'), headerText(headers, 'b'), headerText(headers, 'c'), headerText(headers, 'd'), headerText(undefined, 'a')]).toEqual([
      'one',
      'two',
      'three',
      undefined,
      undefined,
    ]);
  });

  it("keeps the message's own headers and drops the retry and dead-letter bookkeeping", () => {
    const headers = {
      'event-id': Buffer.from('e1'),
      'event-type': 'project.registered',
      'retry-attempt': '2',
      'retry-group': 'matching',
      'dlq-error': 'boom',
      'origin-offset': '7',
    };
    expect(originalHeaders(headers)).toEqual({ 'event-id': 'e1', 'event-type': 'project.registered' });
  });
});
