import { withinTimeout } from './store-call';

const never = () => new Promise<never>(() => undefined);

describe('withinTimeout', () => {
  it('passes the answer through, and gives up on a call with no answer', async () => {
    await expect(withinTimeout(Promise.resolve(7), 50)).resolves.toBe(7);
    await expect(withinTimeout(Promise.reject(new Error('gone')), 50)).rejects.toThrow('gone');
    await expect(withinTimeout(never(), 10)).rejects.toThrow('no answer within 10 ms');
  });

  it('gives up on a short call first even while a longer one is in flight (one timer serves them all)', async () => {
    let longSettled = false;
    const long = withinTimeout(never(), 400).catch(() => (longSettled = true));
    await expect(withinTimeout(never(), 10)).rejects.toThrow('no answer within 10 ms');
    expect(longSettled).toBe(false);
    await long;
    expect(longSettled).toBe(true);
  });
});
