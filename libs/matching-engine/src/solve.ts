/**
 * The engine's entry point: validate, score, solve with the instance's strategy and team policy, explain.
 */
import type { MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { createEngineContext, type EngineContext } from './model/engine-context';
import type { SolveOptions } from './model/engine-options';
import { solveOptimal } from './optimal/optimal-strategy';
import { buildResult } from './result/build-result';
import { solveStable } from './stable/stable-strategy';
import { solveLimitedMixed } from './teams/limited-mixed-strategy';
import { solveOneUniversity } from './teams/one-university-strategy';
import { buildTeamRules, type LeadConstraints } from './teams/team-rules';

/** Solves an instance with `options.strategy` (default optimal); throws InstanceValidationError when invalid. */
export function solve(instance: MatchingInstanceV1, options: SolveOptions = {}): MatchingResultV1 {
  const startedAt = performance.now();
  const ctx = createEngineContext(instance, options.scoring);
  return solveContext(ctx, startedAt, options);
}

/** Solves a prepared context (shared by solve and rematch); `leads` are a re-match's kept and forbidden leads. */
export function solveContext(
  ctx: EngineContext,
  startedAt: number,
  options: SolveOptions & { changedAssignments?: number; leads?: LeadConstraints } = {},
): MatchingResultV1 {
  const { prep } = ctx;
  const strategy = prep.strategy;
  const common = { strategy, startedAt, emitEdges: options.emitEdges, changedAssignments: options.changedAssignments };
  if (strategy === 'stable') return buildResult(ctx, { ...common, chosen: solveStable(prep, ctx.pairs) });
  if (prep.teamPolicy === 'one-university') {
    const rules = buildTeamRules(prep, options.leads);
    const outcome = solveOneUniversity(prep, ctx.pairs, rules, options.teamSearch);
    return buildResult(ctx, {
      ...common,
      chosen: outcome.solution.chosen,
      certificate: { bound: outcome.bound, big: outcome.big, search: { proven: outcome.proven, ...outcome.counters } },
      oneUniversity: { rules, leads: outcome.solution.leads, groups: outcome.groups },
    });
  }
  if (prep.universityMaxProjects.some((m) => m >= 0)) {
    const outcome = solveLimitedMixed(prep, ctx.pairs, buildTeamRules(prep));
    return buildResult(ctx, {
      ...common,
      chosen: outcome.chosen,
      certificate: { bound: outcome.bound, big: outcome.big, search: { proven: outcome.proven, nodes: 0, iterations: outcome.rounds, flowSolves: outcome.rounds, openNodes: 0, teamEvaluations: 0 } },
    });
  }
  return buildResult(ctx, { ...common, chosen: solveOptimal(prep, ctx.pairs).pairIndices });
}
