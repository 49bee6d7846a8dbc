import { AFFINITY, DEFAULT_AFFINITY, affinity, affinityMatrix, affinitySource, topDisciplinesFor } from './affinity';
import { DISCIPLINES, ISSUE_TYPES, isKnownDiscipline, isKnownIssueType } from './catalogue';
import { LISTED_AFFINITY } from './data/affinity.data';

describe('affinity table', () => {
  it('lists only known issue types and disciplines, with integer weights 0..100', () => {
    for (const [issue, row] of Object.entries(LISTED_AFFINITY)) {
      expect(isKnownIssueType(issue)).toBe(true);
      for (const [discipline, w] of Object.entries(row)) {
        expect(isKnownDiscipline(discipline)).toBe(true);
        expect(Number.isInteger(w) && w >= 0 && w <= 100).toBe(true);
      }
    }
  });

  it('has a row for every issue type and a value for every discipline', () => {
    expect(Object.keys(AFFINITY).sort()).toEqual(ISSUE_TYPES.map((t) => t.slug).sort());
    for (const t of ISSUE_TYPES) {
      expect(LISTED_AFFINITY[t.slug]).toBeDefined();
      for (const d of DISCIPLINES) {
        const w = affinity(t.slug, d.slug);
        expect(Number.isInteger(w) && w >= 1 && w <= 100).toBe(true);
        expect(AFFINITY[t.slug][d.slug]).toBe(w);
      }
    }
  });

  it('returns the listed weight x 100, e.g. property_mgmt for property governance is 95', () => {
    expect(affinity('property_governance', 'property_mgmt')).toBe(95);
    expect(affinitySource('property_governance', 'property_mgmt')).toBe('listed');
  });

  it('gives unlisted pairs the default by kind of discipline', () => {
    expect(affinity('digital_governance', 'sociology')).toBe(DEFAULT_AFFINITY.generalist);
    expect(affinity('elderly_care', 'journalism')).toBe(DEFAULT_AFFINITY.media);
    expect(affinity('property_governance', 'fine_arts')).toBe(DEFAULT_AFFINITY.other);
    expect(affinitySource('property_governance', 'fine_arts')).toBe('default');
  });

  it("gives the professional master's degrees (MSW, MPA, MPH) the affinities of their base discipline", () => {
    for (const t of ISSUE_TYPES) {
      expect(affinity(t.slug, 'msw')).toBe(affinity(t.slug, 'social_work'));
      expect(affinity(t.slug, 'mpa')).toBe(affinity(t.slug, 'public_admin'));
      expect(affinity(t.slug, 'mph')).toBe(affinity(t.slug, 'preventive_medicine'));
    }
    expect(affinitySource('key_group_services', 'msw')).toBe('inherited');
    expect(affinitySource('public_space', 'mph')).toBe('default');
  });

  it('returns 0 for an unknown issue type or discipline', () => {
    expect(affinity('nope', 'law')).toBe(0);
    expect(affinity('pain_points', 'nope')).toBe(0);
  });

  it('exposes the same table as a row-major matrix copy', () => {
    const m = affinityMatrix();
    expect(m.weights).toHaveLength(m.issueTypes.length * m.disciplines.length);
    const i = m.issueTypes.indexOf('public_space');
    const j = m.disciplines.indexOf('environmental_design');
    expect(m.weights[i * m.disciplines.length + j]).toBe(90);
    m.weights[0] = 0;
    expect(affinityMatrix().weights[0]).not.toBe(0);
  });

  it('ranks the strongest disciplines of an issue type first', () => {
    expect(topDisciplinesFor('property_governance', 80)).toEqual(['property_mgmt', 'law']);
    expect(topDisciplinesFor('unknown')).toEqual([]);
  });
});
