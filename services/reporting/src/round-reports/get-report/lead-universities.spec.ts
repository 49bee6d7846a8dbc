import { leadUniversityFigures } from './lead-universities';
import type { TeamRow } from '@civic/contracts';

const team = (projectId: string, lead: string, teachers: number, students: number): TeamRow => ({
  projectId,
  districtId: 'huangpu',
  leadUniversityId: lead,
  universities: [lead],
  teachers,
  students,
  accepted: 0,
  reason: 'best_team',
});

describe('leadUniversityFigures', () => {
  it('sums the teams each university leads, with its limit and its people placed', () => {
    const figures = leadUniversityFigures(
      [team('P1', 'fdu', 2, 3), team('P2', 'fdu', 1, 2), team('P3', 'sjtu', 2, 2)],
      new Map([['fdu', 7], ['sjtu', 4], ['tongji', 1]]),
      { fdu: { maxProjects: 2 }, ecupl: { maxProjects: 5 } },
    );
    expect(figures).toEqual([
      { universityId: 'ecupl', projectsLed: 0, maxProjects: 5, teachers: 0, students: 0, averageTeamSize: 0, peoplePlaced: 0 },
      { universityId: 'fdu', projectsLed: 2, maxProjects: 2, teachers: 3, students: 5, averageTeamSize: 4, peoplePlaced: 7 },
      { universityId: 'sjtu', projectsLed: 1, maxProjects: null, teachers: 2, students: 2, averageTeamSize: 4, peoplePlaced: 4 },
      { universityId: 'tongji', projectsLed: 0, maxProjects: null, teachers: 0, students: 0, averageTeamSize: 0, peoplePlaced: 1 },
    ]);
  });

  it('leaves people placed unknown (null) when the events do not tell', () => {
    expect(leadUniversityFigures([team('P1', 'fdu', 1, 1)], null, undefined)[0].peoplePlaced).toBeNull();
  });
});
