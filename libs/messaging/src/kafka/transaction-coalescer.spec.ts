import { TransactionCoalescer } from './transaction-coalescer';

/** A fake transaction: records each call's items, fails when it holds a poison item, and commits what it applied. */
function transactions(poison = -1) {
  const calls: number[][] = [];
  const committed: number[] = [];
  const applyAll = async (items: number[]) => {
    calls.push([...items]);
    await new Promise((r) => setTimeout(r, 5));
    if (items.includes(poison)) throw new Error(`refused ${poison}`);
    committed.push(...items);
    return items.map((i) => `applied ${i}`);
  };
  return { calls, committed, applyAll };
}

describe('TransactionCoalescer', () => {
  it('applies runs handed over at the same time in one transaction and gives each caller its own outcomes', async () => {
    const t = transactions();
    const c = new TransactionCoalescer(t.applyAll, 100);
    const [a, b, d] = await Promise.all([c.apply([1, 2]), c.apply([3]), c.apply([4, 5, 6])]);
    expect(t.calls).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(a).toEqual(['applied 1', 'applied 2']);
    expect(b).toEqual(['applied 3']);
    expect(d).toEqual(['applied 4', 'applied 5', 'applied 6']);
  });

  it('runs one transaction at a time; runs arriving meanwhile share the next one, within maxItems', async () => {
    const t = transactions();
    const c = new TransactionCoalescer(t.applyAll, 4);
    const first = c.apply([1, 2, 3]);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const later = [c.apply([4, 5]), c.apply([6, 7]), c.apply([8])];
    await Promise.all([first, ...later]);
    expect(t.calls).toEqual([[1, 2, 3], [4, 5, 6, 7], [8]]);
  });

  it('when a shared transaction fails, applies each run alone: only the run with the failing item fails, nothing is applied twice', async () => {
    const t = transactions(4);
    const c = new TransactionCoalescer(t.applyAll, 100);
    const results = await Promise.allSettled([c.apply([1, 2]), c.apply([3, 4]), c.apply([5])]);
    expect(t.calls).toEqual([[1, 2, 3, 4, 5], [1, 2], [3, 4], [5]]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused 4');
    expect(t.committed.sort()).toEqual([1, 2, 5]);
  });

  it('a single run that fails is rejected as it is (its caller isolates the event)', async () => {
    const t = transactions(2);
    const c = new TransactionCoalescer(t.applyAll, 100);
    await expect(c.apply([1, 2])).rejects.toThrow('refused 2');
    expect(t.calls).toEqual([[1, 2]]);
    await expect(c.apply([3])).resolves.toEqual(['applied 3']);
  });
});
