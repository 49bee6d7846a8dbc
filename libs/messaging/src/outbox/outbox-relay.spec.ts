import { keyHeads } from './outbox-relay';

describe("the relay's eligible rows", () => {
  it("are, of waiting rows in order, each (topic, key)'s first: its oldest unpublished row", () => {
    const prefix = [
      { seq: '1', topic: 'projects', key: 'a' },
      { seq: '2', topic: 'projects', key: 'b' },
      { seq: '3', topic: 'projects', key: 'a' },
      { seq: '4', topic: 'experts', key: 'a' },
      { seq: '5', topic: 'projects', key: 'c' },
      { seq: '6', topic: 'experts', key: 'a' },
    ];
    expect(keyHeads(prefix)).toEqual(['1', '2', '4', '5']);
  });

  it('tell a key apart from a topic and key that run together', () => {
    expect(keyHeads([{ seq: '1', topic: 'a', key: 'bc' }, { seq: '2', topic: 'ab', key: 'c' }])).toEqual(['1', '2']);
    expect(keyHeads([])).toEqual([]);
  });
});
