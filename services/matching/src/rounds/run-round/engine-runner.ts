import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MatchingResultV1 } from '@civic/contracts';
import { EngineJob, EngineMessage, runEngineJob } from './engine-job';

/** The engine's answer and how long its phases took. */
export interface EngineOutcome {
  result: MatchingResultV1;
  eligiblePairs: number;
  scoringMs: number;
  solvingMs: number;
}

/** Told when the engine moves to scoring, then solving (with the eligible pair count). */
export type PhaseListener = (phase: 'scoring' | 'solving', detail?: { eligiblePairs: number }) => void;

/** Thrown when the engine refused or failed a job; `invalid` when the instance broke the contract. */
export class EngineJobError extends Error {
  constructor(
    message: string,
    readonly invalid: boolean,
  ) {
    super(message);
  }
}

/** Runs engine jobs; a port so tests can run them in-process. */
export abstract class EngineRunner {
  /** Runs a job, calling `onPhase` as it moves from scoring to solving; rejects after `timeoutMs`. */
  abstract run(job: EngineJob, onPhase: PhaseListener, timeoutMs: number): Promise<EngineOutcome>;
}

/** Runs each job in a fresh worker thread (isolated, and terminated on timeout). */
@Injectable()
export class WorkerThreadEngineRunner extends EngineRunner {
  private readonly entry = join(__dirname, 'engine.worker.js');

  run(job: EngineJob, onPhase: PhaseListener, timeoutMs: number): Promise<EngineOutcome> {
    // Under ts-jest there is no compiled worker entry: run in-process instead.
    if (!existsSync(this.entry)) return new InProcessEngineRunner().run(job, onPhase, timeoutMs);
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.entry, { workerData: job });
      let eligiblePairs = 0;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(() => finish(() => reject(new EngineJobError(`the engine did not finish within ${timeoutMs} ms`, false))), timeoutMs);
      worker.on('message', (m: EngineMessage) => {
        if (m.type === 'phase') {
          if (m.eligiblePairs !== undefined) eligiblePairs = m.eligiblePairs;
          onPhase(m.phase, m.eligiblePairs === undefined ? undefined : { eligiblePairs: m.eligiblePairs });
        } else if (m.type === 'done') finish(() => resolve({ result: m.result, eligiblePairs, scoringMs: m.scoringMs, solvingMs: m.solvingMs }));
        else finish(() => reject(new EngineJobError(m.message, m.invalid)));
      });
      worker.on('error', (e) => finish(() => reject(new EngineJobError(`engine worker crashed: ${e.message}`, false))));
      worker.on('exit', (code) => finish(() => reject(new EngineJobError(`engine worker exited with code ${code}`, false))));
    });
  }
}

/** Runs jobs on the calling thread (unit tests, tiny instances). */
export class InProcessEngineRunner extends EngineRunner {
  async run(job: EngineJob, onPhase: PhaseListener, _timeoutMs?: number): Promise<EngineOutcome> {
    let outcome: EngineOutcome | undefined;
    let failure: EngineJobError | undefined;
    let eligiblePairs = 0;
    runEngineJob(job, (m) => {
      if (m.type === 'phase') {
        if (m.eligiblePairs !== undefined) eligiblePairs = m.eligiblePairs;
        onPhase(m.phase, m.eligiblePairs === undefined ? undefined : { eligiblePairs: m.eligiblePairs });
      } else if (m.type === 'done') outcome = { result: m.result, eligiblePairs, scoringMs: m.scoringMs, solvingMs: m.solvingMs };
      else failure = new EngineJobError(m.message, m.invalid);
    });
    if (failure) throw failure;
    return outcome!;
  }
}
