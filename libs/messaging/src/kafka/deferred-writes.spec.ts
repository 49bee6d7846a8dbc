import type { EntityManager } from 'typeorm';
import { BatchWrite, DeferredWrites, newestPerKey } from './deferred-writes';

const manager = {} as EntityManager;

describe('deferred writes of a consumer transaction', () => {
  it('runs each write once with all its items, in the order the items came, writes in order of first use', async () => {
    const calls: string[] = [];
    const a: BatchWrite<number> = async (_m, items) => void calls.push(`a:${items.join(',')}`);
    const b: BatchWrite<string> = async (_m, items) => void calls.push(`b:${items.join(',')}`);
    const deferred = new DeferredWrites();
    deferred.add(b, 'x');
    deferred.add(a, 1);
    deferred.add(b, 'y');
    deferred.add(a, 2);
    await deferred.flush(manager);
    expect(calls).toEqual(['b:x,y', 'a:1,2']);
  });

  it('forgets what it flushed, and a failing write fails the flush', async () => {
    let runs = 0;
    const counting: BatchWrite<number> = async () => void runs++;
    const deferred = new DeferredWrites();
    deferred.add(counting, 1);
    await deferred.flush(manager);
    await deferred.flush(manager);
    expect(runs).toBe(1);
    deferred.add(async () => Promise.reject(new Error('trigger refused')), 1);
    await expect(deferred.flush(manager)).rejects.toThrow('trigger refused');
  });
});

describe('newestPerKey', () => {
  it('keeps the highest revision of each key (the first of equals), keys in order of first appearance', () => {
    const items = [
      { id: 'p1', revision: 1, v: 'a' },
      { id: 'p2', revision: 4, v: 'b' },
      { id: 'p1', revision: 3, v: 'c' },
      { id: 'p2', revision: 2, v: 'd' },
      { id: 'p1', revision: 3, v: 'e' },
    ];
    expect(newestPerKey(items, (i) => i.id, (i) => i.revision).map((i) => i.v)).toEqual(['c', 'b']);
  });
});
