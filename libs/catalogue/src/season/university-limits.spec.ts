import { generateSeason } from './generate-season';
import { seasonUniversityLimits } from './university-limits';

describe('seasonUniversityLimits', () => {
  const season = generateSeason({ seed: 1, scale: 1 });

  it('gives every university of the season a limit that grows with the teams it can field', () => {
    const limits = seasonUniversityLimits(season);
    const universities = [...new Set([...season.teachers, ...season.students].map((e) => e.universityId))].sort();
    expect(Object.keys(limits)).toEqual(universities);
    const fieldable = (u: string) => {
      const cap = (kind: 'teacher' | 'student') => [...season.teachers, ...season.students].filter((e) => e.universityId === u && e.kind === kind).reduce((n, e) => n + e.capacity, 0);
      return Math.min(cap('teacher') / 1, cap('student') / 1.52);
    };
    const bySize = [...universities].sort((a, b) => fieldable(a) - fieldable(b));
    for (let i = 1; i < bySize.length; i++) expect(limits[bySize[i]].maxProjects).toBeGreaterThanOrEqual(limits[bySize[i - 1]].maxProjects);
  });

  it('sums to more than the projects (every project can get a team) but not much more (15% slack and rounding)', () => {
    const sum = Object.values(seasonUniversityLimits(season)).reduce((n, l) => n + l.maxProjects, 0);
    expect(sum).toBeGreaterThanOrEqual(Math.ceil(175 * 1.15));
    expect(sum).toBeLessThanOrEqual(Math.ceil(175 * 1.15) + 10);
    const tight = Object.values(seasonUniversityLimits(season, 0)).reduce((n, l) => n + l.maxProjects, 0);
    expect(tight).toBeGreaterThanOrEqual(175);
  });

  it('scales with the season and leaves its people alone', () => {
    const big = generateSeason({ seed: 1, scale: 10 });
    const sum = Object.values(seasonUniversityLimits(big)).reduce((n, l) => n + l.maxProjects, 0);
    expect(sum).toBeGreaterThanOrEqual(Math.ceil(big.projects.length * 1.15));
    const again = generateSeason({ seed: 1, scale: 1 });
    seasonUniversityLimits(again);
    expect(again).toEqual(season);
  });
});
