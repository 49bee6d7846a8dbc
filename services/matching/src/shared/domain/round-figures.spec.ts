import type { RoundProjectV1 } from '@civic/contracts';
import { coverageOf, REMATCH_PENDING } from './round-figures';

const project = (projectId: string, tMin: number, sMin: number): RoundProjectV1 => ({
  projectId,
  districtId: 'huangpu',
  issueType: 'pain_points',
  slots: { teacher: { min: tMin, max: 4 }, student: { min: sMin, max: 6 } },
});

describe('coverageOf', () => {
  it('counts each team only up to its minimum, like the engine objective', () => {
    const f = coverageOf(
      [project('P1', 1, 2), project('P2', 1, 1)],
      [
        { projectId: 'P1', kind: 'teacher', count: 3, weight: 30 },
        { projectId: 'P1', kind: 'student', count: 1, weight: 5 },
        { projectId: 'P2', kind: 'student', count: 1, weight: 7 },
      ],
      [{ projectId: 'P2', kind: 'teacher', filled: 0, min: 1, reason: 'discipline_cap' }],
    );
    expect(f).toMatchObject({ requiredSlots: 5, coveredSlots: 3, coverageRatio: 0.6, weight: 42 });
    expect(f.unfilled).toEqual([
      { projectId: 'P1', districtId: 'huangpu', kind: 'student', min: 2, filled: 1, missing: 1, reason: REMATCH_PENDING },
      { projectId: 'P2', districtId: 'huangpu', kind: 'teacher', min: 1, filled: 0, missing: 1, reason: 'discipline_cap' },
    ]);
  });

  it('is full coverage when nothing is required', () => {
    expect(coverageOf([project('P1', 0, 0)], []).coverageRatio).toBe(1);
  });
});
