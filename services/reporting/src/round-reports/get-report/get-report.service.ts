import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type PolicyComparison,
  type PolicyResult,
  type ResultTeam,
  type RoundReport,
  type StrategyComparison,
  type StrategyResult,
  type TeamRow,
  type UnfilledSlotRow,
} from '@civic/contracts';
import { RoundReportReadStore, type RoundRow } from '../round-report.read-store';
import { leadUniversityFigures } from './lead-universities';

/** The read store's part this use case asks (a fake in the unit spec). */
export type RoundReportReads = Pick<
  RoundReportReadStore,
  | 'round'
  | 'arrivedAssignments'
  | 'handPlaced'
  | 'totals'
  | 'projectGroups'
  | 'expertGroups'
  | 'declineReasons'
  | 'unfilled'
  | 'teams'
  | 'projectDistricts'
  | 'peoplePlaced'
  | 'latestOptimalByTeamPolicy'
  | 'latestMixedByStrategy'
>;

/**
 * GET /rounds/:id/report: what matching declared beside what reporting derived from the assignment events. The
 * derived figures are asked only once the report is complete (every announced assignment arrived), so polling a
 * round in progress costs two queries; a dry run's report is what its round.completed declared.
 */
@Injectable()
export class GetReportService {
  constructor(@Inject(RoundReportReadStore) private readonly store: RoundReportReads) {}

  /** The whole report of a round; not_found when reporting has not heard of it. */
  async report(roundId: string): Promise<RoundReport> {
    const round = await this.store.round(roundId);
    if (!round) throw DomainError.notFound('round', roundId);
    const draft = round.status === 'draft';
    const arrived = await this.store.arrivedAssignments(roundId, draft);
    const announced = round.figures?.assignments.total ?? null;
    const published = round.status === 'completed' || round.status === 'withdrawn';
    const complete = (published || draft) && (round.dry_run === true || (announced !== null && arrived >= announced));
    // Until every announced assignment has arrived the figures would be partial: answer the progress only (cheap to poll).
    // A draft proposes nothing: its figures are the declared ones, its assignments the draft's.
    const derived = round.dry_run === false && complete && !draft;
    const declaredOnly = round.dry_run === true && complete;
    // Drafts stay out of the strategy and policy comparisons (nothing of them was proposed).
    const comparedScope = complete && !draft ? round.scope_key : null;
    const s = this.store;
    const [totals, byDistrict, byIssueType, byUniversity, byDiscipline, declineReasons, unfilled, comparison, policyComparison, teams, placed] = await Promise.all([
      derived ? s.totals(roundId) : null,
      derived ? s.projectGroups(roundId, 'district') : [],
      derived ? s.projectGroups(roundId, 'issueType') : [],
      derived ? s.expertGroups(roundId, 'university') : [],
      derived ? s.expertGroups(roundId, 'discipline') : [],
      derived ? s.declineReasons(roundId) : [],
      derived ? s.unfilled(roundId) : round.dry_run ? declaredUnfilled(round) : [],
      comparedScope ? this.comparison(comparedScope) : null,
      comparedScope ? this.policyComparison(comparedScope) : null,
      derived ? s.teams(roundId) : declaredOnly ? this.declaredTeams(roundId, round) : [],
      derived ? s.peoplePlaced(roundId) : null,
    ]);
    const handPlaced = await s.handPlaced(roundId, draft);
    const teamPolicy = teamPolicyOf(round);
    // A dry run's one-university teams are all of their lead university: its people placed are the distinct members.
    const placedInDryRun = declaredOnly && teamPolicy === 'one-university' ? distinctMembersByLead(round.teams ?? []) : null;
    const byLeadUniversity = derived || declaredOnly ? leadUniversityFigures(teams, placed ?? placedInDryRun, round.options?.universityLimits) : [];
    return {
      roundId,
      scope: { key: round.scope_key, districtIds: round.district_ids },
      strategy: round.strategy,
      teamPolicy,
      dryRun: round.dry_run,
      status: round.status,
      startedAt: round.started_at ? round.started_at.toISOString() : null,
      completedAt: round.completed_at ? round.completed_at.toISOString() : null,
      failure: round.failure,
      complete,
      progress: { arrived, announced },
      rematches: round.rematches,
      lifecycle: {
        edits: round.edits,
        publishedAt: round.published_at ? round.published_at.toISOString() : null,
        publishedBy: round.published_by,
        endedAt: round.ended_at ? round.ended_at.toISOString() : null,
        endedBy: round.ended_by,
        endReason: round.end_reason,
      },
      draft: draft ? { assignments: arrived, handPlaced: handPlaced.length } : null,
      handPlaced,
      declared: { objective: round.objective, figures: round.figures, underfilled: round.underfilled ?? [], certificate: round.certificate },
      totals,
      byDistrict,
      byIssueType,
      byUniversity,
      byDiscipline,
      declineReasons,
      unfilled,
      teams,
      byLeadUniversity,
      comparison,
      policyComparison,
    };
  }

  /** A dry run's teams as its round.completed declared them. */
  private async declaredTeams(roundId: string, round: RoundRow): Promise<TeamRow[]> {
    const districtOf = await this.store.projectDistricts(roundId);
    return (round.teams ?? []).map((t) => ({
      projectId: t.projectId,
      districtId: districtOf.get(t.projectId) ?? '',
      leadUniversityId: t.universityId,
      universities: t.universities,
      teachers: t.teachers.length,
      students: t.students.length,
      accepted: 0,
      reason: t.reason,
    }));
  }

  /** The latest completed round of each strategy in the scope; null unless both strategies were run. */
  private async comparison(scopeKey: string): Promise<StrategyComparison | null> {
    const rows = await this.store.latestMixedByStrategy(scopeKey);
    const optimal = strategyResult(rows.find((x) => x.strategy === 'optimal'));
    const stable = strategyResult(rows.find((x) => x.strategy === 'stable'));
    if (!optimal || !stable) return null;
    return {
      scopeKey,
      optimal,
      stable,
      priceOfStability: { coverage: optimal.coverage - stable.coverage, weight: optimal.weight - stable.weight },
    };
  }

  /** The latest completed optimal round of each team policy in the scope; null unless both policies were run. */
  private async policyComparison(scopeKey: string): Promise<PolicyComparison | null> {
    const rows = await this.store.latestOptimalByTeamPolicy(scopeKey);
    const of = (policy: string): PolicyResult | undefined => {
      const result = strategyResult(rows.find((r) => r.team_policy === policy));
      return result && { ...result, teamPolicy: policy };
    };
    const mixed = of('mixed');
    const oneUniversity = of('one-university');
    if (!mixed || !oneUniversity) return null;
    return {
      scopeKey,
      mixed,
      oneUniversity,
      priceOfPolicy: { coverage: mixed.coverage - oneUniversity.coverage, weight: mixed.weight - oneUniversity.weight },
    };
  }
}

/** A round's team policy: as its options say, `mixed` for rounds before team policies, null before its options arrived. */
export function teamPolicyOf(round: Pick<RoundRow, 'options'>): string | null {
  return round.options ? (round.options.teamPolicy ?? 'mixed') : null;
}

/** A dry run's slots below their minimum, as its round.completed declared them. */
function declaredUnfilled(round: RoundRow): UnfilledSlotRow[] {
  return (round.underfilled ?? []).map((u) => ({
    projectId: u.projectId,
    districtId: '',
    issueType: '',
    kind: u.kind,
    min: u.min,
    filled: u.filled,
    missing: u.min - u.filled,
    reason: u.reason,
  }));
}

/** What a round.completed declared, for the comparisons; undefined without one. */
function strategyResult(r: RoundRow | undefined): StrategyResult | undefined {
  if (!r || !r.initial_figures || !r.initial_objective) return undefined;
  const f = r.initial_figures;
  return {
    roundId: r.round_id,
    dryRun: r.dry_run === true,
    completedAt: r.completed_at ? r.completed_at.toISOString() : '',
    coverage: r.initial_objective.coverage,
    requiredSlots: f.requiredSlots,
    coverageRatio: f.coverageRatio,
    weight: r.initial_objective.weight,
    assignments: f.assignments.total,
    underfilledSlots: f.underfilledSlots,
    unassignedExperts: f.unassignedExperts,
  };
}

/** Per lead university, the distinct members of the teams it leads. */
function distinctMembersByLead(teams: readonly ResultTeam[]): Map<string, number> {
  const members = new Map<string, Set<string>>();
  for (const t of teams) {
    const set = members.get(t.universityId) ?? new Set<string>();
    for (const id of [...t.teachers, ...t.students]) set.add(id);
    members.set(t.universityId, set);
  }
  return new Map([...members].map(([u, set]) => [u, set.size]));
}
