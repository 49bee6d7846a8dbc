import type { InstanceExpert, InstanceProject, MatchingInstanceV1 } from '@civic/contracts';
import { createEngineContext } from '../model/engine-context';
import type { AffinityFn } from '../model/engine-options';
import fc from 'fast-check';
import { randomInstance } from '../testing/arbitraries';
import { haversineKm } from './geo';

const table: Record<string, Record<string, number>> = {
  housing: { law: 100, sociology: 50, art: 0 },
  elderly: { law: 20, sociology: 80, art: 0 },
};
const affinity: AffinityFn = (t, d) => table[t]?.[d] ?? 0;

const project = (id: string, issueTypes: string[], lat: number, extra: Partial<InstanceProject> = {}): InstanceProject => ({
  id,
  districtId: 'x',
  location: { lat, lon: 121.5 },
  issueTypes,
  slots: { teacher: { min: 0, max: 2 }, student: { min: 0, max: 2 } },
  ...extra,
});
const expert = (id: string, disciplines: string[], extra: Partial<InstanceExpert> = {}): InstanceExpert => ({
  id,
  kind: 'teacher',
  universityId: 'u',
  collegeId: 'c',
  disciplines,
  location: { lat: 31.2, lon: 121.5 },
  capacity: 1,
  ...extra,
});
const instance = (projects: InstanceProject[], experts: InstanceExpert[], extra: Partial<MatchingInstanceV1> = {}): MatchingInstanceV1 => ({
  version: 1,
  projects,
  experts,
  ...extra,
});
const weightOf = (i: MatchingInstanceV1, e: string, p: string): number => {
  const ctx = createEngineContext(i, { affinity });
  return ctx.scorer.weight(ctx.prep.expertIndex.get(e)!, ctx.prep.projectIndex.get(p)!);
};
const scoreOf = (i: MatchingInstanceV1, e: string, p: string) => {
  const ctx = createEngineContext(i, { affinity });
  return ctx.scorer.score(ctx.prep.expertIndex.get(e)!, ctx.prep.projectIndex.get(p)!);
};

describe('scoring', () => {
  it('splits every weight into named integer parts that sum to it', () => {
    const i = instance(
      [project('P1', ['housing', 'elderly'], 31.25, { wantedDisciplines: ['sociology'] })],
      [expert('T1', ['sociology', 'law'], { preferences: ['P1'] })],
    );
    const s = scoreOf(i, 'T1', 'P1');
    expect(Object.keys(s.parts).sort()).toEqual(['affinity', 'base', 'distance', 'preference', 'wantedDiscipline']);
    for (const v of Object.values(s.parts)) expect(Number.isInteger(v)).toBe(true);
    expect(Object.values(s.parts).reduce((a, b) => a + b, 0)).toBe(s.weight);
    expect(s.weight).toBeGreaterThanOrEqual(1);
  });

  it('counts the primary issue type and the primary discipline most, and names what matched', () => {
    // law (secondary discipline, 70%) x housing (primary issue, 100%) = 100 * 0.7 = 70% of fitPoints
    // sociology (primary discipline) x housing = 50%; sociology x elderly (secondary issue, 60%) = 48%
    const i = instance([project('P1', ['housing', 'elderly'], 31.2)], [expert('T1', ['sociology', 'law'])]);
    const s = scoreOf(i, 'T1', 'P1');
    expect(s.parts.affinity).toBe(140);
    expect(s.issueType).toBe('housing');
    expect(s.discipline).toBe('law');
    const swapped = instance([project('P1', ['elderly', 'housing'], 31.2)], [expert('T1', ['sociology', 'law'])]);
    expect(scoreOf(swapped, 'T1', 'P1').parts.affinity).toBe(160); // sociology x elderly, both primary: 80%
  });

  it('prefers nearer projects: the distance part falls with the haversine distance', () => {
    const i = instance([project('P1', ['housing'], 31.2), project('P2', ['housing'], 31.4), project('P3', ['housing'], 32.5)], [expert('T1', ['law'])]);
    const near = scoreOf(i, 'T1', 'P1');
    const mid = scoreOf(i, 'T1', 'P2');
    const far = scoreOf(i, 'T1', 'P3');
    expect(near.parts.distance).toBe(60);
    expect(mid.distanceKm).toBeCloseTo(haversineKm({ lat: 31.2, lon: 121.5 }, { lat: 31.4, lon: 121.5 }), 9);
    expect(mid.parts.distance).toBe(Math.floor((60 * (60 - mid.distanceKm)) / 60));
    expect(far.parts.distance).toBe(0);
  });

  it('gives a rank-based bonus to stated preferences', () => {
    const i = instance(
      [project('P1', ['housing'], 31.2), project('P2', ['housing'], 31.2), project('P3', ['housing'], 31.2)],
      [expert('T1', ['law'], { preferences: ['P2', 'P1'] })],
    );
    expect(scoreOf(i, 'T1', 'P2').parts.preference).toBe(50);
    expect(scoreOf(i, 'T1', 'P1').parts.preference).toBe(45);
    expect(scoreOf(i, 'T1', 'P3').parts.preference).toBe(0);
  });

  it('adds a bonus when the project wants one of the expert disciplines, more for the primary one', () => {
    const i = instance(
      [project('P1', ['housing'], 31.2, { wantedDisciplines: ['law'] }), project('P2', ['housing'], 31.2, { wantedDisciplines: ['sociology'] })],
      [expert('T1', ['law', 'sociology'])],
    );
    expect(scoreOf(i, 'T1', 'P1').parts.wantedDiscipline).toBe(30);
    expect(scoreOf(i, 'T1', 'P2').parts.wantedDiscipline).toBe(15);
  });

  it('accepts weight overrides and rejects non-integer ones', () => {
    const i = instance([project('P1', ['housing'], 31.2)], [expert('T1', ['law'])]);
    const ctx = createEngineContext(i, { affinity, fitPoints: 10, distancePoints: 0 });
    expect(ctx.scorer.weight(0, 0)).toBe(11);
    expect(() => createEngineContext(i, { affinity, fitPoints: 1.5 })).toThrow(/fitPoints/);
  });
});

describe('eligibility', () => {
  it('excludes zero-fit, forbidden and too distant pairs, but keeps pinned ones', () => {
    const i = instance(
      [project('P1', ['housing'], 31.2), project('P2', ['housing'], 31.2), project('P3', ['housing'], 33.0), project('P4', ['housing'], 31.2)],
      [expert('T1', ['art']), expert('T2', ['law'])],
      {
        forbidden: [{ expertId: 'T2', projectId: 'P2' }],
        pinned: [{ expertId: 'T1', projectId: 'P4' }],
        options: { maxDistanceKm: 50 },
      },
    );
    const ctx = createEngineContext(i, { affinity });
    const list = (e: string): string[] => {
      const x = ctx.prep.expertIndex.get(e)!;
      return Array.from(ctx.pairs.project.subarray(ctx.pairs.start[x], ctx.pairs.start[x + 1]), (p) => ctx.prep.projectIds[p]).sort();
    };
    expect(list('T1')).toEqual(['P4']);
    expect(list('T2')).toEqual(['P1', 'P4']);
    expect(weightOf(i, 'T1', 'P4')).toBeGreaterThanOrEqual(1);
  });

  it('keeps each expert K best pairs, ties going to the smaller project id', () => {
    const projects = ['P5', 'P3', 'P1', 'P4', 'P2'].map((id) => project(id, ['housing'], 31.2));
    projects.push(project('P6', ['elderly'], 31.2));
    const i = instance(projects, [expert('T1', ['law'], { preferences: ['P6'] })], { options: { candidateLimitPerExpert: 3 } });
    const ctx = createEngineContext(i, { affinity });
    const kept = Array.from(ctx.pairs.project, (p) => ctx.prep.projectIds[p]);
    // housing x law is the best fit; P6 (elderly, fit 40) is preferred (+50) but still behind.
    expect(kept).toEqual(['P1', 'P2', 'P3']);
    expect(ctx.pairs.count).toBe(3);
  });

  it('finds the same K best pairs with and without the pruned scan', () => {
    const projects = Array.from({ length: 60 }, (_, k) =>
      project(`P${String(k).padStart(2, '0')}`, k % 3 === 0 ? ['elderly', 'housing'] : ['housing'], 31 + (k % 7) * 0.05, k % 5 === 0 ? { wantedDisciplines: ['sociology'] } : {}),
    );
    const experts = [expert('T1', ['sociology', 'law']), expert('T2', ['law'], { preferences: ['P07', 'P33'] })];
    const all = createEngineContext(instance(projects, experts), { affinity });
    const top = createEngineContext(instance(projects, experts, { options: { candidateLimitPerExpert: 7 } }), { affinity });
    for (let e = 0; e < 2; e++) {
      const full = Array.from(all.pairs.project.subarray(all.pairs.start[e], all.pairs.start[e] + 7));
      const limited = Array.from(top.pairs.project.subarray(top.pairs.start[e], top.pairs.start[e + 1]));
      expect(limited).toEqual(full);
    }
  });
});

describe('candidate pairs', () => {
  it('equal a brute-force scan: every eligible pair, or each expert K best, plus pins, in weight order', () => {
    fc.assert(
      fc.property(randomInstance('medium'), ({ instance, affinity }) => {
        const { prep, scorer, pairs } = createEngineContext(instance, { affinity });
        const K = prep.candidateLimit;
        const pinned = new Set(Array.from(prep.pinExpert, (e, i) => e * prep.projectCount + prep.pinProject[i]));
        for (let e = 0; e < prep.expertCount; e++) {
          const all: Array<[number, number]> = [];
          for (let p = 0; p < prep.projectCount; p++) if (scorer.isNormallyEligible(e, p)) all.push([scorer.weight(e, p), p]);
          all.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
          const kept = K === null ? all : all.slice(0, K);
          for (let p = 0; p < prep.projectCount; p++) {
            if (pinned.has(e * prep.projectCount + p) && !kept.some(([, q]) => q === p)) kept.push([scorer.weight(e, p), p]);
          }
          kept.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
          const got = Array.from({ length: pairs.start[e + 1] - pairs.start[e] }, (_, j): [number, number] => [
            pairs.weight[pairs.start[e] + j],
            pairs.project[pairs.start[e] + j],
          ]);
          expect(got).toEqual(kept);
        }
      }),
      { numRuns: 60 },
    );
  });
});
