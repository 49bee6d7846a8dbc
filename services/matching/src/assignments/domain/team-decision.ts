import type { AssignmentStatus, DeclineReason, TeamPolicy } from '@civic/contracts';

/** What a coordinator does to a whole project's team at once (one-university rounds). */
export type TeamDecision = { kind: 'accept' } | { kind: 'decline'; reason: DeclineReason; note: string | null };

/** Why a team answer was refused. */
export type TeamRefusal = 'not_one_university' | 'not_found' | 'already_decided' | 'team_partly_accepted' | 'proposal_expired';

/** One member's assignment as the decision sees it. */
export interface TeamMember {
  id: string;
  universityId: string;
  status: AssignmentStatus;
  deadline: Date;
}

export type TeamOutcome = { ok: true; change: string[] } | { ok: false; refusal: TeamRefusal; message: string };

/**
 * A coordinator's answer for their university's team on a project: under one-university only (a mixed team has no
 * single university to answer for it). Accept accepts every proposal of the team; decline declines them all and
 * hands the project back, so it is refused once a member has accepted (an accepted assignment does not change, and
 * it would keep the university as the project's lead). Answering a team with no proposal left is refused, and so
 * is one with a proposal past its deadline (the sweeper expires it). `change` lists the proposals to change.
 */
export function decideTeam(policy: TeamPolicy, universityId: string, members: readonly TeamMember[], decision: TeamDecision, now: Date): TeamOutcome {
  if (policy !== 'one-university') {
    return { ok: false, refusal: 'not_one_university', message: 'the round has mixed teams: answer for each member instead (team answers need teamPolicy one-university)' };
  }
  const own = members.filter((m) => m.universityId === universityId);
  if (own.length === 0) return { ok: false, refusal: 'not_found', message: `${universityId} has no team on this project in this round` };
  const proposed = own.filter((m) => m.status === 'proposed');
  if (proposed.length === 0) {
    const counts = (['accepted', 'declined', 'expired'] as const).map((s) => `${own.filter((m) => m.status === s).length} ${s}`).join(', ');
    return { ok: false, refusal: 'already_decided', message: `the team of ${universityId} has no proposal left to answer (${counts})` };
  }
  if (decision.kind === 'decline' && own.some((m) => m.status === 'accepted')) {
    return {
      ok: false,
      refusal: 'team_partly_accepted',
      message: `members of the team of ${universityId} have accepted already: decline the remaining members one by one instead`,
    };
  }
  const late = proposed.find((m) => m.deadline.getTime() <= now.getTime());
  if (late) return { ok: false, refusal: 'proposal_expired', message: `assignment ${late.id} passed its deadline ${late.deadline.toISOString()}` };
  return { ok: true, change: proposed.map((m) => m.id) };
}
