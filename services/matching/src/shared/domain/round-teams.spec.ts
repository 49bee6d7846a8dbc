import type { MatchingInstanceV1, ResultAssignment, ResultTeam } from '@civic/contracts';
import { leadUniversities, roundTeams } from './round-teams';

const explanation = { parts: { base: 1 }, issueType: 'pain_points', discipline: 'law' };
const assignment = (expertId: string, projectId: string, weight: number): ResultAssignment => ({ expertId, projectId, weight, pinned: false, explanation });
const team = (projectId: string, universityId: string, teachers: string[], students: string[], weight: number): ResultTeam => ({
  projectId,
  universityId,
  universities: [universityId],
  teachers,
  students,
  weight,
  reason: 'best_team',
  runnerUp: null,
});
const instance = (pinned: MatchingInstanceV1['pinned']): MatchingInstanceV1 => ({ version: 1, projects: [], experts: [], pinned, forbidden: [] });

describe('roundTeams', () => {
  it("keeps the engine's teams when no member is another round's", () => {
    const teams = [team('P1', 'fdu', ['T1'], ['S1'], 30)];
    expect(roundTeams(instance([]), { assignments: [assignment('T1', 'P1', 10), assignment('S1', 'P1', 20)], teams })).toEqual(teams);
  });

  it("leaves out members other rounds hold (the pins), with their weight, and teams left empty; the lead stays the engine's", () => {
    const result = {
      assignments: [assignment('T1', 'P1', 10), assignment('S1', 'P1', 20), assignment('T2', 'P2', 5)],
      teams: [team('P1', 'fdu', ['T1'], ['S1'], 30), team('P2', 'sjtu', ['T2'], [], 5)],
    };
    const teams = roundTeams(instance([{ expertId: 'T1', projectId: 'P1' }, { expertId: 'T2', projectId: 'P2' }]), result);
    expect(teams).toEqual([team('P1', 'fdu', [], ['S1'], 20)]);
    expect(leadUniversities(teams)).toEqual(new Map([['P1', 'fdu']]));
  });
});
