import type { ExpertProjectPair, MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { generateSeason, toMatchingInstance } from '@civic/catalogue';
import { createEngineContext, InstanceValidationError, rematch, solveContext } from '@civic/matching-engine';
import { buildSnapshotFromJson, type BuiltSnapshot, type SnapshotSource } from '../domain/round-snapshot';

/** A unit of engine work: a full solve, or a re-match after declines. */
export type EngineJob =
  /** The instance may come as JSON text: the worker parses it, so the event loop neither clones nor parses it. */
  | { kind: 'solve'; instance: MatchingInstanceV1 | string }
  | {
      kind: 'rematch';
      instance: MatchingInstanceV1;
      previous: MatchingResultV1;
      declined: ExpertProjectPair[];
      /** Whole projects declined by their lead university (one-university rounds). */
      universityDeclines?: Array<{ projectId: string; universityId: string }>;
    };

/** A round's snapshot, built by the worker from the read model's rows (buildSnapshotFromJson). */
export interface SnapshotJob {
  kind: 'snapshot';
  source: SnapshotSource;
}

/** What the engine reports while it works, and at the end. */
export type EngineMessage =
  | { type: 'phase'; phase: 'scoring' | 'solving'; eligiblePairs?: number }
  | { type: 'done'; result: MatchingResultV1; scoringMs: number; solvingMs: number }
  | { type: 'snapshot'; snapshot: BuiltSnapshot }
  | { type: 'failed'; message: string; invalid: boolean };

/** What the engine's worker thread is started with. */
export interface EngineWorkerData {
  /** Solve the generated season a few times first (warmUpEngine). */
  warmUp: boolean;
  /** The thread's nice value (ENGINE_NICE). */
  nice: number;
}

/** A job as the engine's worker thread receives it, and what it answers, tagged with the job's id. */
export interface WorkerJobRequest {
  id: number;
  job: EngineJob | SnapshotJob;
}
export interface WorkerJobReply {
  id: number;
  message: EngineMessage;
}

/**
 * Runs one job and reports through `post`. Scoring (validation and eligible pairs) runs first on its own so a
 * round can show it as a phase; the solve reuses that context (a re-match derives from it and scores again only
 * the experts whose forbidden pairs changed).
 */
export function runEngineJob(job: EngineJob | SnapshotJob, post: (m: EngineMessage) => void): void {
  try {
    if (job.kind === 'snapshot') {
      post({ type: 'snapshot', snapshot: buildSnapshotFromJson(job.source) });
      return;
    }
    post({ type: 'phase', phase: 'scoring' });
    const t0 = performance.now();
    const instance: MatchingInstanceV1 = typeof job.instance === 'string' ? JSON.parse(job.instance) : job.instance;
    const ctx = createEngineContext(instance);
    const t1 = performance.now();
    post({ type: 'phase', phase: 'solving', eligiblePairs: ctx.pairs.count });
    const result =
      job.kind === 'solve' ? solveContext(ctx, t0) : rematch(instance, job.previous, job.declined, { context: ctx, universityDeclines: job.universityDeclines ?? [] });
    post({ type: 'done', result, scoringMs: Math.round(t1 - t0), solvingMs: Math.round(performance.now() - t1) });
  } catch (e) {
    post({ type: 'failed', message: (e as Error).message, invalid: e instanceof InstanceValidationError });
  }
}

/** Warm-up solves of the season: the first is cold (3-7x a warm solve at scale 1), the second and third still
 *  1.1-3x (docs/benchmarks.md: `npm run bench:engine` prints the first solves of a fresh process). */
export const WARM_UP_SOLVES = 3;

/**
 * Solves the generated Shanghai season a few times, so the first real round finds the engine's code compiled and
 * optimised; returns each warm-up solve's time in ms.
 */
export function warmUpEngine(solves = WARM_UP_SOLVES): number[] {
  const instance = toMatchingInstance(generateSeason({ seed: 1, scale: 1 }));
  const times: number[] = [];
  for (let i = 0; i < solves; i++) {
    const t0 = performance.now();
    solveContext(createEngineContext(instance), t0);
    times.push(Math.round(performance.now() - t0));
  }
  return times;
}
