/**
 * Entry of the worker thread that runs the engine, so a long solve never blocks the service's event loop.
 * The service starts with `-r tools/register-paths.js`, which workers inherit; the fallback covers a bare start.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolve } from 'node:path';

try {
  require.resolve('@civic/matching-engine');
} catch {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(resolve(__dirname, '../../../../../../tools/register-paths.js'));
}

// Loaded after the alias hook is in place.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runEngineJob } = require('./engine-job') as typeof import('./engine-job');
runEngineJob(workerData, (m) => parentPort!.postMessage(m));
