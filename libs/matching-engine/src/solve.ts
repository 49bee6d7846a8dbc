/**
 * The engine's entry point: validate, score, solve with the instance's strategy, explain.
 */
import type { MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { createEngineContext, type EngineContext } from './model/engine-context';
import type { SolveOptions } from './model/engine-options';
import { solveOptimal } from './optimal/optimal-strategy';
import { buildResult } from './result/build-result';
import { solveStable } from './stable/stable-strategy';

/** Solves an instance with `options.strategy` (default optimal); throws InstanceValidationError when invalid. */
export function solve(instance: MatchingInstanceV1, options: SolveOptions = {}): MatchingResultV1 {
  const startedAt = performance.now();
  const ctx = createEngineContext(instance, options.scoring);
  return solveContext(ctx, startedAt, options);
}

/** Solves a prepared context (shared by solve and rematch). */
export function solveContext(
  ctx: EngineContext,
  startedAt: number,
  options: SolveOptions & { changedAssignments?: number } = {},
): MatchingResultV1 {
  const strategy = ctx.prep.strategy;
  const chosen = strategy === 'stable' ? solveStable(ctx.prep, ctx.pairs) : solveOptimal(ctx.prep, ctx.pairs).pairIndices;
  return buildResult(ctx, { strategy, chosen, startedAt, emitEdges: options.emitEdges, changedAssignments: options.changedAssignments });
}
