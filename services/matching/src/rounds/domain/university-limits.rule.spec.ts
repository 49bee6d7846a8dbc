import { universityLimitsProblem } from './university-limits.rule';

describe('universityLimitsProblem', () => {
  it('accepts limits of known universities, including 0 and an empty object', () => {
    expect(universityLimitsProblem({ fdu: { maxProjects: 25 }, ecupl: { maxProjects: 0 } })).toBeNull();
    expect(universityLimitsProblem({})).toBeNull();
  });

  it.each([
    [[], 'must be an object keyed by university id'],
    ['fdu', 'must be an object keyed by university id'],
    [null, 'must be an object keyed by university id'],
    [{ harvard: { maxProjects: 3 } }, 'unknown university: harvard'],
    [{ fdu: 3 }, 'universityLimits.fdu must be an object'],
    [{ fdu: { maxProjects: 3, minProjects: 1 } }, 'universityLimits.fdu has an unknown field: minProjects'],
    [{ fdu: { maxProjects: -1 } }, 'universityLimits.fdu.maxProjects must be an integer 0..100000'],
    [{ fdu: { maxProjects: 2.5 } }, 'universityLimits.fdu.maxProjects must be an integer'],
    [{ fdu: { maxProjects: '3' } }, 'universityLimits.fdu.maxProjects must be an integer'],
    [{ fdu: {} }, 'universityLimits.fdu.maxProjects must be an integer'],
  ])('refuses %j naming the entry', (value, message) => {
    expect(universityLimitsProblem(value)).toContain(message);
  });
});
