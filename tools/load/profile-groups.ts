/**
 * Summarises a V8 CPU profile (`.cpuprofile`, e.g. from cpu-profile-hook) of an HTTP service by where its busy time
 * went, in groups that tell the service's own layers apart from Node's and the framework's, per answer:
 *
 *   node dist/tools/load/profile-groups.js FILE ANSWERS
 *
 * The profiler's own start and stop and the idle time are left out.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/** Groups in order: a frame goes to the first whose function name or script URL matches. */
const GROUPS: Array<[string, RegExp | null, RegExp | null]> = [
  ['(profiler)', /^dispatch$/, null],
  ['(idle)', /^\(idle\)$/, null],
  ['garbage collection', /garbage collector/, null],
  ['socket writes', /^(writev|writeBuffer|writeUtf8String|shutdown)$/, null],
  ['Node HTTP internals', null, /node:_http|node:internal\/streams|node:net|stream_base_commons|node:events|node:internal\/http|on-finished/],
  ['Express and its router', null, /node_modules\/(express|router|path-to-regexp|parseurl|body-parser|type-is|content-type|mime-types|negotiator|accepts|fresh|etag|qs|send|serve-static|encodeurl|finalhandler|statuses|media-typer|raw-body|vary|proxy-addr|forwarded)\//],
  ['Nest', null, /node_modules\/(@nestjs|rxjs|reflect-metadata|iterare)\//],
  ['validation (class-validator, class-transformer)', null, /node_modules\/(class-validator|class-transformer|validator)\//],
  ['Redis client', null, /node_modules\/@redis\//],
  ['helmet', null, /node_modules\/helmet\//],
  ['pino, pino-http, nestjs-pino', null, /node_modules\/(pino|pino-http|pino-std-serializers|@pinojs|fast-redact|nestjs-pino|sonic-boom)\//],
  ['prom-client', null, /node_modules\/prom-client\//],
  ['async hooks (async-local scopes)', null, /async_hooks/],
  ['timers', null, /node:internal\/timers|node:timers/],
  ['microtasks', /^(runMicrotasks|processTicksAndRejections)$/, null],
  ['libs/auth (the guard)', null, /dist\/libs\/auth\//],
  ['libs/platform (middlewares, answer cache)', null, /dist\/libs\/platform\//],
  ['other libs', null, /dist\/libs\//],
  ['the service or tool itself', null, /dist\/(services|tools)\//],
  ['kafkajs, pg, typeorm', null, /node_modules\/(kafkajs|pg|pg-protocol|pg-pool|typeorm)\//],
];

function main(): void {
  const [file, answersArg] = process.argv.slice(2);
  const answers = Number(answersArg);
  if (!file || !(answers > 0)) throw new Error('usage: profile-groups FILE ANSWERS');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byGroup = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = nodes.get(id)!.callFrame;
    const group = GROUPS.find(([, fn, src]) => fn?.test(functionName) || src?.test(url))?.[0] ?? 'other';
    byGroup.set(group, (byGroup.get(group) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  byGroup.delete('(profiler)');
  byGroup.delete('(idle)');
  const busy = [...byGroup.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`busy ${Math.round(busy / 1000)} ms, ${answers} answers: ${Math.round(busy / answers)} µs per answer\n`);
  for (const [group, us] of [...byGroup].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`${String(Math.round(us / answers)).padStart(6)} µs  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${group}\n`);
  }
}

if (require.main === module) main();
