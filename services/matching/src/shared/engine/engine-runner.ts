import { Inject, Injectable, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_CONFIG } from '@civic/platform';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MatchingResultV1 } from '@civic/contracts';
import type { MatchingConfig } from '../../matching.config';
import type { BuiltSnapshot, SnapshotSource } from '../domain/round-snapshot';
import { EngineJob, type EngineMessage, runEngineJob, type SnapshotJob, type EngineWorkerData, type WorkerJobReply, type WorkerJobRequest } from './engine-job';

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

  /** Builds a round's snapshot from the read model's rows as JSON text (buildSnapshotFromJson); rejects after `timeoutMs`. */
  abstract buildSnapshot(source: SnapshotSource, timeoutMs: number): Promise<BuiltSnapshot>;
}

/**
 * Follows one job's messages: `settle` gets each one and says how the job ends (a value, an error) or that it goes
 * on (undefined). Shared by the worker and the in-process runner.
 */
type Settle<T> = (m: EngineMessage) => { value: T } | EngineJobError | undefined;

function settleOutcome(onPhase: PhaseListener): Settle<EngineOutcome> {
  let eligiblePairs = 0;
  return (m) => {
    if (m.type === 'phase') {
      if (m.eligiblePairs !== undefined) eligiblePairs = m.eligiblePairs;
      onPhase(m.phase, m.eligiblePairs === undefined ? undefined : { eligiblePairs: m.eligiblePairs });
      return undefined;
    }
    if (m.type === 'done') return { value: { result: m.result, eligiblePairs, scoringMs: m.scoringMs, solvingMs: m.solvingMs } };
    if (m.type === 'failed') return new EngineJobError(m.message, m.invalid);
    return new EngineJobError(`the engine answered a solve with ${m.type}`, false);
  };
}

const settleSnapshot: Settle<BuiltSnapshot> = (m) => {
  if (m.type === 'snapshot') return { value: m.snapshot };
  if (m.type === 'failed') return new EngineJobError(m.message, m.invalid);
  return new EngineJobError(`the engine answered a snapshot with ${m.type}`, false);
};

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

  constructor(@Optional() @Inject(SERVICE_CONFIG) private readonly config?: Pick<MatchingConfig, 'ENGINE_NICE'>) {
    super();
  }

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
    return this.enqueue(job, settleOutcome(onPhase), timeoutMs);
  }

  buildSnapshot(source: SnapshotSource, timeoutMs: number): Promise<BuiltSnapshot> {
    if (!existsSync(this.entry)) return new InProcessEngineRunner().buildSnapshot(source);
    return this.enqueue({ kind: 'snapshot', source }, settleSnapshot, timeoutMs);
  }

  private enqueue<T>(job: EngineJob | SnapshotJob, settle: Settle<T>, timeoutMs: number): Promise<T> {
    const outcome = this.tail.then(() => this.runOnWorker(job, settle, timeoutMs));
    this.tail = outcome.catch(() => undefined);
    return outcome;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry, { workerData: { warmUp: true, nice: this.config?.ENGINE_NICE ?? 0 } satisfies EngineWorkerData });
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

  private runOnWorker<T>(job: EngineJob | SnapshotJob, settle: Settle<T>, timeoutMs: number): Promise<T> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const finish = (fn: () => void): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
      };
      const onMessage = ({ id: replyTo, message }: WorkerJobReply): void => {
        if (replyTo !== id) return;
        const end = settle(message);
        if (end instanceof EngineJobError) finish(() => reject(end));
        else if (end) finish(() => resolve(end.value));
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
    return this.runHere(job, settleOutcome(onPhase));
  }

  async buildSnapshot(source: SnapshotSource, _timeoutMs?: number): Promise<BuiltSnapshot> {
    return this.runHere({ kind: 'snapshot', source }, settleSnapshot);
  }

  private runHere<T>(job: EngineJob | SnapshotJob, settle: Settle<T>): T {
    let end: { value: T } | EngineJobError | undefined;
    runEngineJob(job, (m) => {
      end ??= settle(m);
    });
    if (end instanceof EngineJobError) throw end;
    if (!end) throw new EngineJobError('the engine ended the job without an answer', false);
    return end.value;
  }
}
