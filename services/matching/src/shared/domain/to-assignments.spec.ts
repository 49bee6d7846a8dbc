import type { MatchingInstanceV1, MatchingResultV1, ResultAssignment } from '@civic/contracts';
import { roundCertificate } from './to-assignments';

const explanation = { parts: { base: 1 }, issueType: 'pain_points', discipline: 'law' };
const project = (id: string) => ({ id, districtId: 'huangpu', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['pain_points'], slots: { teacher: { min: 1, max: 2 }, student: { min: 1, max: 2 } } });
const expert = (id: string, kind: 'teacher' | 'student') => ({ id, kind, universityId: 'fdu', collegeId: 'c', disciplines: ['law'], location: { lat: 31.3, lon: 121.5 }, capacity: 1 });
const instance: MatchingInstanceV1 = {
  version: 1,
  projects: [project('P1'), project('P2')],
  experts: [expert('T1', 'teacher'), expert('S1', 'student'), expert('T2', 'teacher')],
  pinned: [{ expertId: 'T1', projectId: 'P1' }],
  forbidden: [],
};
const assignment = (expertId: string, projectId: string, weight: number, pinned = false): ResultAssignment => ({ expertId, projectId, weight, pinned, explanation });
const result = (bound: MatchingResultV1['stats']['bound'], gapPct: number | null): MatchingResultV1 => ({
  version: 1,
  strategy: 'optimal',
  assignments: [assignment('T1', 'P1', 100, true), assignment('S1', 'P1', 50), assignment('T2', 'P2', 70)],
  objective: { coverage: 3, weight: 220 },
  underfilled: [],
  unassigned: [],
  stats: { eligiblePairs: 6, solveMs: 1, changedAssignments: 0, bound, gapPct },
  teams: [],
});

describe('roundCertificate', () => {
  it("takes the pins' share off the bound, like the objective, and says whether the answer is proven", () => {
    expect(roundCertificate(instance, result({ coverage: 3, weight: 220 }, 0))).toEqual({ bound: { coverage: 2, weight: 120 }, gapPct: 0, proven: true });
    expect(roundCertificate(instance, result({ coverage: 3, weight: 230 }, 4.348))).toEqual({ bound: { coverage: 2, weight: 130 }, gapPct: 4.348, proven: false });
  });

  it('is null without a bound (strategy stable)', () => {
    expect(roundCertificate(instance, result(null, null))).toBeNull();
  });
});
