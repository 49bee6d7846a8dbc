import type { AssignmentSnapshotV1 } from '@civic/contracts/events/assignment.events';

/** A university's assignments as the console's API answers them: matching's assignment snapshots. */
export type Assignment = AssignmentSnapshotV1;

/** The open (round, project) teams of a university: every member still proposed or already accepted. */
export function openTeams(assignments: Assignment[]): { roundId: string; projectId: string; members: Assignment[] }[] {
  const teams = new Map<string, { roundId: string; projectId: string; members: Assignment[] }>();
  for (const a of assignments) {
    if (a.status !== 'proposed' && a.status !== 'accepted') continue;
    const key = `${a.roundId}/${a.projectId}`;
    const team = teams.get(key) ?? { roundId: a.roundId, projectId: a.projectId, members: [] };
    team.members.push(a);
    teams.set(key, team);
  }
  return [...teams.values()].filter((t) => t.members.some((m) => m.status === 'proposed'));
}
