import type { ExpertProjectPair, MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { createEngineContext, InstanceValidationError, rematch, solve } from '@civic/matching-engine';

/** A unit of engine work: a full solve, or a re-match after declines. */
export type EngineJob =
  | { kind: 'solve'; instance: MatchingInstanceV1 }
  | { kind: 'rematch'; instance: MatchingInstanceV1; previous: MatchingResultV1; declined: ExpertProjectPair[] };

/** What the engine reports while it works, and at the end. */
export type EngineMessage =
  | { type: 'phase'; phase: 'scoring' | 'solving'; eligiblePairs?: number }
  | { type: 'done'; result: MatchingResultV1; scoringMs: number; solvingMs: number }
  | { type: 'failed'; message: string; invalid: boolean };

/**
 * Runs one job and reports through `post`. Scoring (validation and eligible pairs) runs first on its own so a
 * round can show it as a phase; the solve then scores again inside the engine, which costs about a tenth of a second.
 */
export function runEngineJob(job: EngineJob, post: (m: EngineMessage) => void): void {
  try {
    post({ type: 'phase', phase: 'scoring' });
    const t0 = performance.now();
    const ctx = createEngineContext(job.instance);
    const t1 = performance.now();
    post({ type: 'phase', phase: 'solving', eligiblePairs: ctx.pairs.count });
    const result = job.kind === 'solve' ? solve(job.instance) : rematch(job.instance, job.previous, job.declined);
    post({ type: 'done', result, scoringMs: Math.round(t1 - t0), solvingMs: Math.round(performance.now() - t1) });
  } catch (e) {
    post({ type: 'failed', message: (e as Error).message, invalid: e instanceof InstanceValidationError });
  }
}
