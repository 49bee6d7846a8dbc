import { Revocations, RevocationStore } from './revocations';

/** A store in memory, recording each write's lifetime. */
function memoryStore(over: Partial<RevocationStore> = {}): RevocationStore & { ttl: Map<string, number> } {
  const values = new Map<string, string>();
  const ttl = new Map<string, number>();
  return {
    available: true,
    ttl,
    read: async (keys) => keys.map((k) => values.get(k) ?? null),
    write: async (key, value, seconds) => {
      values.set(key, value);
      ttl.set(key, seconds);
    },
    ...over,
  };
}

describe('Revocations', () => {
  const admin = { subject: 'ops-1', role: 'admin' as const, tokenId: 'jti-1', issuedAt: 1_000, expiresAt: 4_600 };

  it('refuses a token revoked by id until it would have expired, and no other token of the subject', async () => {
    const store = memoryStore();
    const revocations = new Revocations(store);
    await revocations.revokeToken('jti-1', 4_600, 1_100);
    expect(await revocations.isRevoked(admin)).toBe(true);
    expect(await revocations.isRevoked({ ...admin, tokenId: 'jti-2' })).toBe(false);
    expect(store.ttl.get('revoked:token:jti-1')).toBe(3_500 + 60);
  });

  it("refuses a subject's tokens issued up to its revocation (and those that do not say when), not later ones", async () => {
    const revocations = new Revocations(memoryStore());
    await revocations.revokeSubject('ops-1', 1_000.7);
    expect(await revocations.isRevoked(admin)).toBe(true);
    expect(await revocations.isRevoked({ ...admin, issuedAt: undefined })).toBe(true);
    expect(await revocations.isRevoked({ ...admin, issuedAt: 1_001 })).toBe(false);
    expect(await revocations.isRevoked({ ...admin, subject: 'ops-2' })).toBe(false);
  });

  it('answers null (and lets the request through) while the store is down or slow', async () => {
    expect(await new Revocations(memoryStore({ available: false })).isRevoked(admin)).toBeNull();
    const slow = memoryStore({ read: () => new Promise(() => undefined) });
    expect(await new Revocations(slow, 20).isRevoked(admin)).toBeNull();
    expect(await new Revocations(memoryStore({ read: async () => Promise.reject(new Error('gone')) })).isRevoked(admin)).toBeNull();
  });
});
