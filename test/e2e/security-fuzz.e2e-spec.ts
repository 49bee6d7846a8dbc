import fc from 'fast-check';
import { ServiceName, ServiceStack } from '@civic/testing';
import { send } from '../security/callers';
import { DbFingerprint, waitUntilQuiet } from '../security/db-fingerprint';
import { seedSecurityFixtures, SecurityFixtures } from '../security/fixtures';
import { OpenApiOperation, openApiOperations } from '../security/openapi';
import { bodyArbitrary, pathArbitrary, queryArbitrary } from '../security/openapi-arbitraries';

/** Fixed so a failure replays exactly; FUZZ_SEED / FUZZ_RUNS widen a local run. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

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
    stack = await ServiceStack.start({ env: { REMATCH_BATCH_MS: '100' } });
    f = await seedSecurityFixtures(stack);
    callers = {
      admin: `Bearer ${await stack.token('admin', { subject: `${stack.runId}-fuzz-admin` })}`,
      coordinator: `Bearer ${await stack.token('coordinator', { university: 'fdu', subject: `${stack.runId}-fuzz-fdu` })}`,
    };
    prints = new Map();
    for (const s of stack.services.keys()) {
      prints.set(s, await DbFingerprint.open(s, stack.databaseUrl(s)));
      for (const op of await openApiOperations(stack.service(s).url)) if (op.path !== '/health') operations.push({ ...op, service: s });
    }
    await waitUntilQuiet([...prints.values()]);
  }, 240_000);

  afterAll(async () => {
    for (const p of prints?.values() ?? []) await p.close();
    await stack?.stop();
  });

  it('finds the operations of all four services to fuzz', () => {
    expect(new Set(operations.map((o) => o.service)).size).toBe(4);
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
    for (const op of operations) {
      const base = stack.service(op.service).url;
      const writes = op.method === 'POST' || op.method === 'PATCH';
      const property = fc.asyncProperty(
        pathArbitrary(op, known()),
        queryArbitrary(op),
        writes ? bodyArbitrary(op) : fc.constant(undefined),
        fc.constantFrom<'admin' | 'coordinator'>('admin', 'admin', 'coordinator'),
        async (path, query, body, caller) => {
          const before = await fingerprints();
          const res = await send(base, op.method, path + query, {
            authorization: callers[caller],
            body,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
            stream: op.path === '/events/stream',
            timeoutMs: 20_000,
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const what = `${caller} ${op.method} ${op.service}${path}${query} ${body === undefined ? '' : body.slice(0, 300)} -> ${res.status} ${res.text.slice(0, 300)}`;
          if (res.status >= 500) throw new Error(`5xx: ${what}`);
          if (res.status >= 400) {
            if (!res.body?.error || res.body.error.status !== res.status || typeof res.body.correlationId !== 'string') throw new Error(`not the error shape: ${what}`);
            const leak = LEAKS.find((re) => re.test(res.text));
            if (leak) throw new Error(`leaks ${leak}: ${what}`);
            const after = await fingerprints();
            if (after !== before) throw new Error(`a ${res.status} changed the database: ${what}\n  before ${before}\n  after  ${after}`);
          } else if (writes) {
            // A write went through (valid input): let its events and background work settle before the next check.
            await waitUntilQuiet([...prints.values()]);
          }
        },
      );
      try {
        await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
      } catch (e) {
        failures.push(`${op.service} ${op.method} ${op.path}: ${(e as Error).message.split('\n').slice(0, 8).join('\n')}`);
      }
    }
    console.log(`fuzz (seed ${SEED}, ${RUNS} runs per operation): statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(failures).toEqual([]);
    // The generators reach past validation: some requests succeed, most are refused.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
  });

  async function fingerprints(): Promise<string> {
    return (await Promise.all([...prints.values()].map((p) => p.take()))).join(' | ');
  }
});
