/**
 * CPU profiles of a running Node process in windows of your choosing, for `npm run load` and its services:
 *
 *   NODE_OPTIONS="--require $PWD/dist/tools/load/cpu-profile-hook.js" CPU_PROFILE_DIR=/tmp/prof npm run load -- --phases reads
 *
 * Every process that loads it (the load script, the services it starts, the minimal app) profiles nothing until it
 * gets SIGWINCH (ignored by default, so a process that has not loaded the hook yet is not hurt); then each SIGWINCH
 * writes the profile so far (`<dir>/<script>-<pid>-<n>.cpuprofile`, n counting from 0) and starts the next one. Sending
 * it to the services at each `reads:` line the load script prints gives one profile per read. Not SIGUSR2: Nest's
 * shutdown hooks stop the service on that. `node dist/tools/load/profile-groups.js FILE ANSWERS` summarises a profile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, dirname, join } from 'node:path';

const dir = process.env.CPU_PROFILE_DIR ?? '/tmp/cpu-profiles';
const script = process.argv[1] ?? 'node';
// dist/services/matching/src/main.js → matching-main; dist/tools/load/minimal-nest.js → load-minimal-nest.
const name = `${basename(dirname(dirname(script)))}-${basename(script, '.js')}`;
const session = new Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }));
let running = false;
let n = 0;

const start = () => session.post('Profiler.start', () => (running = true));

process.on('SIGWINCH', () => {
  if (!running) return start();
  session.post('Profiler.stop', (error, result) => {
    running = false;
    if (!error) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}-${process.pid}-${n++}.cpuprofile`), JSON.stringify(result.profile));
    }
    start();
  });
});
