/**
 * Entry of the worker thread that runs the engine (WorkerThreadEngineRunner): it warms up, then runs the jobs it is
 * sent, one at a time, answering each with the job's id.
 * The service starts with `-r tools/register-paths.js`, which workers inherit; the fallback covers a bare start.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolve } from 'node:path';
import type { WorkerJobReply, WorkerJobRequest } from './engine-job';

try {
  require.resolve('@civic/matching-engine');
} catch {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(resolve(__dirname, '../../../../../../tools/register-paths.js'));
}

// Loaded after the alias hook is in place.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runEngineJob, warmUpEngine } = require('./engine-job') as typeof import('./engine-job');

// Jobs that arrive meanwhile wait in the port's queue: the warm-up runs first, on this thread. It only saves time:
// if it fails, the jobs still run.
if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) {
  try {
    warmUpEngine();
  } catch (e) {
    console.warn(`engine warm-up failed: ${(e as Error).message}`);
  }
}
parentPort!.on('message', ({ id, job }: WorkerJobRequest) => {
  runEngineJob(job, (message) => parentPort!.postMessage({ id, message } satisfies WorkerJobReply));
});
