/**
 * Why a project got its lead university, and why a project got no (full) team, under the one-university policy.
 * Both compare the universities' best teams for the project on their own (no other project competing), which is
 * what an administrator can check by hand: "ECUPL alone could field 1 teacher and 2 students worth 812".
 */
import type { ResultTeam, TeamRunnerUp } from '@civic/contracts';
import type { EngineContext } from '../model/engine-context';
import type { TeamRules } from './team-rules';
import { TeamEvaluator, buildTeamGroups, type TeamGroups, type TeamValue } from './university-teams';

/** Reasons for an under-filled (project, kind) under the one-university policy. */
export const TEAM_UNDERFILLED_REASONS = {
  /** No university alone has enough eligible experts for the project's minimum team. */
  noUniversityCanField: 'no_university_can_field_team',
  /** Universities that could field the team lead as many projects as their limit allows. */
  universityLimits: 'university_limits_reached',
  /** Universities that could field the team serve other projects with those people (a better total). */
  universitiesServeOthers: 'universities_serve_other_projects',
  /** The lead university has no eligible expert of this kind left (used elsewhere, discipline cap or none). */
  leadUniversityShort: 'lead_university_short',
  /** A re-match keeps the project without a team (it had none before). */
  keptWithoutTeam: 'kept_without_team',
} as const;

/** Each university's best team for each project on its own, (coverage, weight), computed once per result. */
export class StandaloneTeams {
  private readonly groups: TeamGroups;
  private readonly evaluator: TeamEvaluator;
  private readonly zero: Float64Array;
  private readonly tv: TeamValue = { coverage: 0, weight: 0, value: 0 };

  constructor(private readonly ctx: EngineContext) {
    this.groups = buildTeamGroups(ctx.prep, ctx.pairs);
    this.evaluator = new TeamEvaluator(ctx.prep, this.groups);
    this.zero = new Float64Array(ctx.prep.expertCount);
  }

  /** University u's best team for project p alone: coverage and weight (null when it has nobody eligible). */
  of(p: number, u: number): { coverage: number; weight: number } | null {
    const U = this.groups.U;
    let coverage = 0;
    let weight = 0;
    let any = false;
    for (let k = 0; k < 2; k++) {
      const g = (p * U + u) * 2 + k;
      if (this.groups.start[g] === this.groups.start[g + 1]) continue;
      any = true;
      this.evaluator.sortGroup(g, this.zero);
      this.evaluator.bestTeam(g, this.zero, this.tv);
      coverage += this.tv.coverage;
      weight += this.tv.weight;
    }
    return any ? { coverage, weight } : null;
  }

  /** The best university for p alone among those `allowed` (except `except`), by coverage then weight. */
  best(p: number, allowed: Uint8Array, except = -1): (TeamRunnerUp & { u: number }) | null {
    const U = this.groups.U;
    let best: (TeamRunnerUp & { u: number }) | null = null;
    for (let u = 0; u < U; u++) {
      if (u === except || allowed[p * U + u] === 0) continue;
      const team = this.of(p, u);
      if (!team) continue;
      if (!best || team.coverage > best.coverage || (team.coverage === best.coverage && team.weight > best.weight)) {
        best = { universityId: this.ctx.prep.universityIds[u], coverage: team.coverage, weight: team.weight, u };
      }
    }
    return best;
  }
}

/** Fills each team's reason and runner-up. */
export function explainTeams(ctx: EngineContext, teams: ResultTeam[], rules: TeamRules, standalone: StandaloneTeams): void {
  const { prep } = ctx;
  const universityIndex = new Map(prep.universityIds.map((u, i) => [u, i]));
  // Explanations compare against every university the instance allows, not a re-match's kept leads.
  const open = Uint8Array.from(rules.allowed);
  for (let p = 0; p < prep.projectCount; p++) if (rules.kept[p] === 1 && rules.pinnedUniversity[p] < 0) for (let u = 0; u < rules.U; u++) open[p * rules.U + u] = 1;
  for (const team of teams) {
    const p = prep.projectIndex.get(team.projectId)!;
    const u = universityIndex.get(team.universityId)!;
    const runnerUp = standalone.best(p, open, u);
    team.runnerUp = runnerUp ? { universityId: runnerUp.universityId, coverage: runnerUp.coverage, weight: runnerUp.weight } : null;
    const own = standalone.of(p, u) ?? { coverage: 0, weight: 0 };
    if (rules.kept[p] === 1) team.reason = 'kept';
    else if (rules.pinnedUniversity[p] >= 0) team.reason = 'pinned';
    else if (!runnerUp || own.coverage > runnerUp.coverage || (own.coverage === runnerUp.coverage && own.weight >= runnerUp.weight)) team.reason = 'best_team';
    else team.reason = 'shared_supply';
  }
}

/** Why project p's slot of a kind is under its minimum under the one-university policy. */
export function teamUnderfilledReason(
  ctx: EngineContext,
  rules: TeamRules,
  standalone: StandaloneTeams,
  leads: Int32Array,
  leadCount: Int32Array,
  p: number,
): string {
  if (leads[p] >= 0) return TEAM_UNDERFILLED_REASONS.leadUniversityShort;
  if (rules.kept[p] === 1) return TEAM_UNDERFILLED_REASONS.keptWithoutTeam;
  const { prep } = ctx;
  const need = prep.slotMin[p * 2] + prep.slotMin[p * 2 + 1];
  let anyFull = false;
  let fullAtLimit = true;
  for (let u = 0; u < rules.U; u++) {
    if (rules.allowed[p * rules.U + u] === 0) continue;
    const team = standalone.of(p, u);
    if (!team || team.coverage < need) continue;
    anyFull = true;
    if (!(rules.maxProjects[u] >= 0 && leadCount[u] >= rules.maxProjects[u])) fullAtLimit = false;
  }
  if (!anyFull) return TEAM_UNDERFILLED_REASONS.noUniversityCanField;
  return fullAtLimit ? TEAM_UNDERFILLED_REASONS.universityLimits : TEAM_UNDERFILLED_REASONS.universitiesServeOthers;
}
