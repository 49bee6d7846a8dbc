import { hostname } from 'node:os';
import type { MatchingConfig } from '../../matching.config';
import { parseOwner, RoundOwner } from './round-owner';

const ownerFor = (instance?: string) => new RoundOwner({ SERVICE_INSTANCE: instance } as MatchingConfig);

describe('RoundOwner', () => {
  it('names this process as <instance>/<pid>/<nonce>, the instance being SERVICE_INSTANCE or else the host name', () => {
    const named = ownerFor('matching-0');
    expect(parseOwner(named.id)).toEqual({ instance: 'matching-0', pid: process.pid, nonce: expect.stringMatching(/^[0-9a-f]{6}$/) });
    expect(parseOwner(ownerFor().id)?.instance).toBe(hostname());
    expect(ownerFor('matching-0').id).not.toBe(named.id);
  });

  it('takes an earlier incarnation of a named instance for gone, and never itself or another instance', () => {
    const me = ownerFor('matching-0');
    expect(me.isGonePredecessor(`matching-0/${process.pid}/abc123`)).toBe(true);
    expect(me.isGonePredecessor(me.id)).toBe(false);
    expect(me.isGonePredecessor('matching-1/1/abc123')).toBe(false);
    expect(me.isGonePredecessor('not an owner id')).toBe(false);
  });

  it('with the host name as instance (replicas on one machine share it), takes an owner for gone only when its pid no longer exists', () => {
    const me = ownerFor();
    // This test process exists: a replica with that pid would still be running its round.
    expect(me.isGonePredecessor(`${hostname()}/${process.pid}/abc123`)).toBe(false);
    expect(me.isGonePredecessor(`${hostname()}/999999999/abc123`)).toBe(true);
  });
});
