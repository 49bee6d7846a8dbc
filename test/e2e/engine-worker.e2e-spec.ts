import { resolve } from 'node:path';
import { generateSeason, toMatchingInstance } from '@civic/catalogue';
import type { MatchingInstanceV1 } from '@civic/contracts';
import { REPO_ROOT } from '@civic/testing';
import type * as RunnerModule from '../../services/matching/src/shared/engine/engine-runner';

// The compiled runner, so it finds its compiled worker entry beside it (from source it runs jobs in-process).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WorkerThreadEngineRunner, EngineJobError } = require(resolve(REPO_ROOT, 'dist/services/matching/src/shared/engine/engine-runner.js')) as typeof RunnerModule;

describe("matching's engine worker thread", () => {
  const season: MatchingInstanceV1 = toMatchingInstance(generateSeason({ seed: 1, scale: 1 }));
  let runner: InstanceType<typeof WorkerThreadEngineRunner>;

  beforeEach(() => {
    runner = new WorkerThreadEngineRunner();
    runner.onModuleInit();
  });
  afterEach(() => runner.onApplicationShutdown());

  it('starts with the service and runs job after job on the same thread', async () => {
    const thread = runner.threadId;
    expect(thread).toBeGreaterThan(0);
    const phases: string[] = [];
    const first = await runner.run({ kind: 'solve', instance: season }, (phase) => phases.push(phase), 60_000);
    const second = await runner.run({ kind: 'solve', instance: season }, () => undefined, 60_000);
    expect(phases).toEqual(['scoring', 'solving']);
    expect(first.eligiblePairs).toBe(239_925);
    expect(first.result.objective).toEqual({ coverage: 441, weight: 282_979 });
    expect(second.result.assignments).toEqual(first.result.assignments);
    expect(runner.threadId).toBe(thread);
  });

  it('answers jobs sent together each with its own result', async () => {
    const slices = [10, 20, 40].map((n) => ({ ...season, projects: season.projects.slice(0, n), experts: season.experts.map((e) => ({ ...e, preferences: undefined })) }));
    const outcomes = await Promise.all(slices.map((instance) => runner.run({ kind: 'solve', instance }, () => undefined, 60_000)));
    outcomes.forEach((o, i) => {
      const ids = new Set(slices[i].projects.map((p) => p.id));
      expect(o.eligiblePairs).toBe(slices[i].projects.length * season.experts.length);
      expect(o.result.assignments.every((a) => ids.has(a.projectId))).toBe(true);
    });
  });

  it('takes the worker down with a job that overruns its time limit, and starts a new one for the next job', async () => {
    const thread = runner.threadId;
    await expect(runner.run({ kind: 'solve', instance: season }, () => undefined, 1)).rejects.toThrow('the engine did not finish within 1 ms');
    expect(runner.threadId).toBeUndefined();
    const next = await runner.run({ kind: 'solve', instance: season }, () => undefined, 60_000);
    expect(next.result.objective.coverage).toBe(441);
    expect(runner.threadId).toBeGreaterThan(0);
    expect(runner.threadId).not.toBe(thread);
  });

  it('fails an invalid instance as invalid and keeps the worker', async () => {
    const thread = runner.threadId;
    const bad = { ...season, experts: [{ ...season.experts[0], capacity: -1 }, ...season.experts.slice(1)] };
    const failure = runner.run({ kind: 'solve', instance: bad }, () => undefined, 60_000);
    await expect(failure).rejects.toBeInstanceOf(EngineJobError);
    await expect(failure).rejects.toMatchObject({ invalid: true });
    expect(runner.threadId).toBe(thread);
  });
});
