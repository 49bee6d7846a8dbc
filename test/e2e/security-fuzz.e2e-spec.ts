import fc from 'fast-check';
import { SERVICE_NAMES, ServiceName, ServiceStack } from '@civic/testing';
import { send } from '../security/callers';
import { DbFingerprint, waitUntilQuiet } from '../security/db-fingerprint';
import { expertBody, projectBody, seedSecurityFixtures, SecurityFixtures } from '../security/fixtures';
import { OpenApiOperation, openApiOperations } from '../security/openapi';
import { bodyArbitrary, pathArbitrary, queryArbitrary } from '../security/openapi-arbitraries';

/** Fixed so a failure replays exactly; FUZZ_SEED / FUZZ_RUNS widen a local run. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
/** FUZZ_ONLY=<regex> fuzzes only the matching operations (`service METHOD /path`). */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;

/** What an error body must never carry: stack frames, file positions, driver and SQL error text. */
const LEAKS = [
  /\bat [\w$.<>]+ \(/,
  /\.(ts|js):\d+/,
  /node_modules/,
  /QueryFailedError|TypeORMError|EntityNotFound/,
  /syntax error at or near/,
  /relation "[^"]+"/,
  /violates (unique|foreign key|check|not-null) constraint/,
  /duplicate key value/,
  /invalid input syntax for type/,
  /SequelizeError|PG::|ECONNREFUSED/,
];

type Operation = OpenApiOperation & { service: ServiceName };

/**
 * 5xx defects the fuzzing found in code other teams own, tolerated (and reported in the log) so that everything else
 * stays checked. Each names its cause and fix; remove the entry once the fix lands and the suite checks that case again.
 */
const KNOWN_DEFECTS: Array<{ operation: string; matches: (body: unknown) => boolean; defect: string }> = [];

/**
 * The documented CSV example with its preferences column emptied: the example names projects this stack never
 * registered, and an import waits a while for them to arrive before it rejects the row.
 */
function withoutPreferences(csv: string): string {
  const [header, ...rows] = csv.split(/\r?\n/).filter(Boolean);
  const at = header.split(',').indexOf('preferences');
  if (at < 0) return csv;
  // The example's cells hold no quoted commas before the preferences column.
  return [header, ...rows.map((r) => r.split(',').map((c, i) => (i === at ? '' : c)).join(','))].join('\r\n') + '\r\n';
}

function knownDefect(op: Operation, body: { contentType: string; body: string } | undefined): string | undefined {
  let parsed: unknown;
  try {
    parsed = body && JSON.parse(body.body);
  } catch {
    return undefined;
  }
  return KNOWN_DEFECTS.find((d) => d.operation === `${op.service} ${op.method} ${op.path}` && d.matches(parsed))?.defect;
}

/** Known-good bodies to mutate, where the documented example cannot pass on its own (it names records that do not exist). */
const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
  'project-registry POST /projects': () => projectBody(),
  'expert-pool POST /experts': () => expertBody('fdu'),
  'project-registry POST /projects/imports': () => ({ rows: [projectBody()] }),
  'expert-pool POST /experts/imports': () => ({ rows: [expertBody('fdu')] }),
};

/**
 * Property-based requests generated from the services' own OpenAPI schemas (valid, boundary and hostile bodies,
 * query strings and path segments) against the real services, as an administrator and as a coordinator. For every
 * request: never a 5xx; errors in the one shape without stack traces or SQL; and a 4xx leaves every database as it was.
 */
describe('security: fuzzing the HTTP APIs from their OpenAPI schemas', () => {
  let stack: ServiceStack;
  let f: SecurityFixtures;
  let prints: Map<ServiceName, DbFingerprint>;
  let callers: Record<'admin' | 'coordinator', string>;
  const operations: Operation[] = [];

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: SERVICE_NAMES, env: { REMATCH_BATCH_MS: '100' } });
    f = await seedSecurityFixtures(stack);
    callers = {
      admin: `Bearer ${await stack.token('admin', { subject: `${stack.runId}-fuzz-admin` })}`,
      coordinator: `Bearer ${await stack.token('coordinator', { university: 'fdu', subject: `${stack.runId}-fuzz-fdu` })}`,
    };
    prints = new Map();
    for (const s of stack.services.keys()) {
      prints.set(s, await DbFingerprint.open(s, stack.databaseUrl(s)));
      for (const op of await openApiOperations(stack.service(s).url)) {
        if (!op.path.startsWith('/health') && (!ONLY || ONLY.test(`${s} ${op.method} ${op.path}`))) operations.push({ ...op, service: s });
      }
    }
    await waitUntilQuiet([...prints.values()]);
  }, 240_000);

  afterAll(async () => {
    for (const p of prints?.values() ?? []) await p.close();
    await stack?.stop();
  });

  it('finds the operations of all five services to fuzz', () => {
    if (ONLY) return;
    expect(new Set(operations.map((o) => o.service)).size).toBe(SERVICE_NAMES.length);
    expect(operations.length).toBeGreaterThan(25);
  });

  const known = () => ({
    id: [f.project, f.fduExpert, f.tongjiExpert, f.roundId, f.projectImportId, f.expertImportId, 'fdu'],
    universityId: ['fdu', 'tongji'],
    assignmentId: [...f.fduAssignments, f.tongjiAssignment],
  });

  it('never answers 5xx, never leaks internals, and changes no database on a 4xx', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const byOperation: string[] = [];
    const knownHits = new Set<string>();
    for (const op of operations) {
      const seen = new Map<number, number>();
      const started = Date.now();
      const base = stack.service(op.service).url;
      const writes = op.method === 'POST' || op.method === 'PATCH';
      const property = fc.asyncProperty(
        pathArbitrary(op, known()),
        queryArbitrary(op),
        writes ? bodyArbitrary(op, VALID_BODIES[`${op.service} ${op.method} ${op.path}`]?.(), withoutPreferences) : fc.constant(undefined),
        fc.constantFrom<'admin' | 'coordinator'>('admin', 'admin', 'coordinator'),
        async (path, query, body, caller) => {
          // A refused request must leave its service's database as it was (the others only learn of changes through events).
          const print = prints.get(op.service)!;
          const before = await print.take();
          const res = await send(base, op.method, path + query, {
            authorization: callers[caller],
            body: body?.body,
            headers: body === undefined ? {} : { 'content-type': body.contentType },
            stream: op.path === '/events/stream',
            timeoutMs: 20_000,
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          const what = `${caller} ${op.method} ${op.service}${path}${query} ${body === undefined ? '' : `${body.contentType} ${body.body.slice(0, 300)}`} -> ${res.status} ${res.text.slice(0, 300)}`;
          if (res.status >= 500) {
            const defect = knownDefect(op, body);
            if (!defect) throw new Error(`5xx: ${what}`);
            knownHits.add(defect);
            return;
          }
          if (res.status >= 400) {
            if (!res.body?.error || res.body.error.status !== res.status || typeof res.body.correlationId !== 'string') throw new Error(`not the error shape: ${what}`);
            const leak = LEAKS.find((re) => re.test(res.text));
            if (leak) throw new Error(`leaks ${leak}: ${what}`);
            const after = await print.take();
            if (after !== before) throw new Error(`a ${res.status} changed the database: ${what}\n  before ${before}\n  after  ${after}`);
          } else if (writes) {
            // A write went through (valid input): let its events and background work settle before the next check.
            // Matching re-matches a declined slot shortly after the answer: give it time to start.
            const t0 = Date.now();
            await waitUntilQuiet([...prints.values()], { stableMs: op.service === 'matching' ? 900 : 300 });
            if (process.env.FUZZ_DEBUG && Date.now() - t0 > 3000) {
              const job = res.body?.id ? await send(base, 'GET', `${op.path}/${res.body.id}`, { authorization: callers.admin }) : undefined;
              console.log(`slow to settle (${Date.now() - t0} ms): ${what}\n  then: ${job?.text.slice(0, 800)}`);
            }
          }
        },
      );
      try {
        await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
      } catch (e) {
        const lines = (e as Error).message.split('\n').filter((l) => /Counterexample|seed|5xx|leaks|shape|changed|before|after|Error/.test(l));
        const cause = (e as { cause?: Error }).cause?.message;
        failures.push(`${op.service} ${op.method} ${op.path}: ${[...lines, ...(cause ? [cause] : [])].join('\n').slice(0, 1500)}`);
      }
      byOperation.push(`${op.service} ${op.method} ${op.path} (${Date.now() - started} ms) ${[...seen].sort(([a], [b]) => a - b).map(([k, v]) => `${k}x${v}`).join(' ')}`);
    }
    console.log(
      `fuzz (seed ${SEED}, ${RUNS} runs per operation): statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}\n  ${byOperation.join('\n  ')}`,
    );
    if (knownHits.size) console.warn(`fuzz: known defects hit (owned elsewhere, not failed here):\n  ${[...knownHits].join('\n  ')}`);
    expect(failures).toEqual([]);
    // The generators reach past validation: some requests succeed, most are refused.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
  }, Math.max(240_000, RUNS * 12_000));
});
