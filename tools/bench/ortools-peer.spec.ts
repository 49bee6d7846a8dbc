import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MatchingInstanceV1 } from '@civic/contracts';
import { solve } from '@civic/matching-engine';
import { generateRandomInstance } from '@civic/matching-engine/testing';
import { buildPeerNetwork, encodePeerNetwork, ensurePeerBuilt, runPeer } from './ortools-peer';

const instance: MatchingInstanceV1 = {
  version: 1,
  projects: [
    { id: 'p1', districtId: 'd1', location: { lat: 31.2, lon: 121.4 }, issueTypes: ['elderly-care'], slots: { teacher: { min: 1, max: 2 }, student: { min: 0, max: 1 } } },
  ],
  experts: [
    { id: 't1', kind: 'teacher', universityId: 'u1', collegeId: 'c1', location: { lat: 31.2, lon: 121.4 }, disciplines: ['sociology'], capacity: 2 },
    { id: 's1', kind: 'student', universityId: 'u1', collegeId: 'c1', location: { lat: 31.2, lon: 121.4 }, disciplines: ['sociology'], capacity: 1 },
  ],
  pinned: [{ expertId: 't1', projectId: 'p1' }],
};

describe('the OR-tools peer network of bench:engine', () => {
  it('has the contract as a circulation: pins as lower bounds, min slots at -BIG, the rest at 0, T -> S', () => {
    const edges = [
      { expertId: 't1', projectId: 'p1', weight: 50 },
      { expertId: 's1', projectId: 'p1', weight: 30 },
    ];
    const n = buildPeerNetwork(instance, edges);
    // S, T, 2 experts, 2 slot nodes (p1 teacher, p1 student), 2 group nodes.
    expect(n.nodes).toBe(8);
    // BIG = 1 + capacity x best weight, summed over experts.
    expect(n.big).toBe(1 + 2 * 50 + 1 * 30);
    const arcs = Array.from(n.tail, (t, a) => ({ t, h: n.head[a], lo: n.lower[a], hi: n.upper[a], cost: n.cost[a], role: n.role[a] }));
    expect(arcs.filter((a) => a.role === 1)).toEqual([
      { t: 2, h: 6, lo: 1, hi: 1, cost: -50, role: 1 },
      { t: 3, h: 7, lo: 0, hi: 1, cost: -30, role: 1 },
    ]);
    // Teacher slots: 1 coverage unit at -BIG and 1 more at 0; students: min 0, so only the 0-cost arc.
    expect(arcs.filter((a) => a.h === 1)).toEqual([
      { t: 4, h: 1, lo: 0, hi: 1, cost: -n.big, role: 2 },
      { t: 4, h: 1, lo: 0, hi: 1, cost: 0, role: 0 },
      { t: 5, h: 1, lo: 0, hi: 1, cost: 0, role: 0 },
    ]);
    expect(arcs[arcs.length - 1]).toEqual({ t: 1, h: 0, lo: 0, hi: 3, cost: 0, role: 0 });
  });

  it('encodes the columns after a CMF1 header, costs as 64-bit integers', () => {
    const n = buildPeerNetwork(instance, [{ expertId: 't1', projectId: 'p1', weight: 50 }]);
    const buf = encodePeerNetwork(n);
    const m = n.tail.length;
    expect(buf.readInt32LE(0)).toBe(0x31464d43);
    expect(buf.readInt32LE(4)).toBe(n.nodes);
    expect(buf.readInt32LE(8)).toBe(m);
    expect(buf.length).toBe(12 + m * 25);
    const costAt = 12 + 16 * m;
    expect(Array.from({ length: m }, (_, a) => Number(buf.readBigInt64LE(costAt + 8 * a)))).toEqual(Array.from(n.cost));
  });

  // Only where the peer is already built (npm run bench:engine builds it): tests never run Maven.
  const jar = join(__dirname, '..', 'ortools-peer', 'target', 'ortools-peer.jar');
  const runnable = existsSync(jar) && ensurePeerBuilt() === null;
  // One JVM (a few seconds): the bench itself checks the objective at every scale.
  (runnable ? it : it.skip)('reaches the engine objective on a random instance with pins (OR-tools built)', () => {
    const { instance: random, affinity } = generateRandomInstance({ seed: 7, projects: 12, experts: 40, pins: 4 });
    expect(random.pinned?.length).toBeGreaterThan(0);
    const result = solve(random, { emitEdges: true, scoring: { affinity } });
    const peer = runPeer(buildPeerNetwork(random, result.edges!), 1);
    expect(peer.status).toBe('OPTIMAL');
    expect({ coverage: peer.coverage, weight: peer.weight }).toEqual(result.objective);
  }, 60_000);
});
