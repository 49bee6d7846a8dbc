import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MatchingResultV1 } from '@civic/contracts';
import { EngineJob, runEngineJob, type WorkerJobReply, type WorkerJobRequest } from './engine-job';

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

/**
 * Runs jobs one at a time in one long-lived worker thread, so a long solve never blocks the service's event loop
 * and the engine's code stays compiled between rounds (a fresh worker's first solve of the Shanghai season takes
 * 3-7x a warm one: docs/benchmarks.md). The worker warms up on the generated season (WARM_UP_SOLVES solves) when
 * it starts, in parallel with the service's own start-up. A job that times out, or a worker that crashes, takes
 * the worker down; the next job starts a new one.
 */
@Injectable()
export class WorkerThreadEngineRunner extends EngineRunner implements OnModuleInit, OnApplicationShutdown {
  protected readonly entry = join(__dirname, 'engine.worker.js');
  private worker: Worker | undefined;
  private nextId = 1;
  /** Jobs wait for the one before them (the worker runs one at a time). */
  private tail: Promise<unknown> = Promise.resolve();

  /** The current worker's thread id (none before the first job or after a failure). */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  onModuleInit(): void {
    // Start (and warm) the worker while the service boots rather than during the first round.
    if (existsSync(this.entry)) this.ensureWorker();
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  run(job: EngineJob, onPhase: PhaseListener, timeoutMs: number): Promise<EngineOutcome> {
    // Under ts-jest there is no compiled worker entry: run in-process instead.
    if (!existsSync(this.entry)) return new InProcessEngineRunner().run(job, onPhase, timeoutMs);
    const outcome = this.tail.then(() => this.runOnWorker(job, onPhase, timeoutMs));
    this.tail = outcome.catch(() => undefined);
    return outcome;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry, { workerData: { warmUp: true } });
    // An idle worker does not keep the process alive; shutdown terminates it.
    worker.unref();
    worker.on('error', () => this.discard(worker));
    worker.on('exit', () => this.discard(worker));
    this.worker = worker;
    return worker;
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
  }

  private runOnWorker(job: EngineJob, onPhase: PhaseListener, timeoutMs: number): Promise<EngineOutcome> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      let eligiblePairs = 0;
      const finish = (fn: () => void): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
      };
      const onMessage = ({ id: replyTo, message: m }: WorkerJobReply): void => {
        if (replyTo !== id) return;
        if (m.type === 'phase') {
          if (m.eligiblePairs !== undefined) eligiblePairs = m.eligiblePairs;
          onPhase(m.phase, m.eligiblePairs === undefined ? undefined : { eligiblePairs: m.eligiblePairs });
        } else if (m.type === 'done') finish(() => resolve({ result: m.result, eligiblePairs, scoringMs: m.scoringMs, solvingMs: m.solvingMs }));
        else finish(() => reject(new EngineJobError(m.message, m.invalid)));
      };
      const onError = (e: Error): void => finish(() => reject(new EngineJobError(`engine worker crashed: ${e.message}`, false)));
      const onExit = (code: number): void => finish(() => reject(new EngineJobError(`engine worker exited with code ${code}`, false)));
      const timer = setTimeout(() => {
        // The solve cannot be interrupted inside the worker: take the worker down with it.
        this.discard(worker);
        void worker.terminate();
        finish(() => reject(new EngineJobError(`the engine did not finish within ${timeoutMs} ms`, false)));
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, job } satisfies WorkerJobRequest);
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
