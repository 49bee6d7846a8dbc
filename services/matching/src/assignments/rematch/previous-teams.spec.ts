import type { ResultTeam } from '@civic/contracts';
import type { AssignmentRow } from '../../shared/domain/assignment.record';
import { previousTeams } from './rematch.service';

const row = (expertId: string, projectId: string, universityId: string, kind: 'teacher' | 'student', weight: number, lead: string | null = null): AssignmentRow => ({
  id: `${expertId}-${projectId}`,
  round_id: 'r',
  expert_id: expertId,
  kind,
  university_id: universityId,
  college_id: 'c',
  discipline: 'law',
  project_id: projectId,
  lead_university_id: lead,
  district_id: 'huangpu',
  issue_type: 'pain_points',
  weight,
  explanation: { parts: { base: weight }, issueType: 'pain_points', discipline: 'law' },
  origin: 'round',
  status: 'proposed',
  revision: 1,
  deadline: new Date(),
  proposed_at: new Date(),
  decided_at: null,
  decline_reason: null,
  decline_note: null,
  placed_by: 'engine',
  withdraw_reason: null,
});

describe('previousTeams (the teams a re-match starts from)', () => {
  it("keeps each project's stored lead, reason and runner-up, with its active members now", () => {
    const stored: ResultTeam[] = [
      { projectId: 'P1', universityId: 'fdu', universities: ['fdu'], teachers: ['T1'], students: ['S1', 'S2'], weight: 30, reason: 'best_team', runnerUp: { universityId: 'sjtu', coverage: 2, weight: 9 } },
    ];
    const teams = previousTeams([row('S2', 'P1', 'fdu', 'student', 10), row('T1', 'P1', 'fdu', 'teacher', 12)], stored);
    expect(teams).toEqual([
      { projectId: 'P1', universityId: 'fdu', universities: ['fdu'], teachers: ['T1'], students: ['S2'], weight: 22, reason: 'best_team', runnerUp: { universityId: 'sjtu', coverage: 2, weight: 9 } },
    ]);
  });

  it("without a stored team takes the assignments' lead university, else the university with the most members", () => {
    const teams = previousTeams(
      [
        row('T1', 'P1', 'fdu', 'teacher', 5, 'sjtu'),
        row('S1', 'P1', 'sjtu', 'student', 5, 'sjtu'),
        row('T2', 'P2', 'tongji', 'teacher', 4),
        row('S3', 'P2', 'fdu', 'student', 4),
        row('S4', 'P2', 'fdu', 'student', 4),
      ],
      [],
    );
    expect(teams.map((t) => [t.projectId, t.universityId, t.universities, t.reason])).toEqual([
      ['P1', 'sjtu', ['fdu', 'sjtu'], 'mixed'],
      ['P2', 'fdu', ['fdu', 'tongji'], 'mixed'],
    ]);
  });
});
