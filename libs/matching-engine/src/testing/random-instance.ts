/**
 * Seeded random instances with a synthetic affinity table, for property tests and benchmarks of the engine.
 * Not Shanghai data: small alphabets of issue types and disciplines make collisions (caps, ties) frequent.
 */
import type { ExpertProjectPair, InstanceExpert, InstanceProject, MatchingInstanceV1, MatchingStrategy, TeamPolicy, UniversityLimit } from '@civic/contracts';
import type { AffinityFn } from '../model/engine-options';

export interface RandomInstanceOptions {
  seed: number;
  projects: number;
  experts: number;
  issueTypes?: number;
  disciplines?: number;
  /** Share of zero entries in the affinity table (0..1). */
  zeroAffinity?: number;
  strategy?: MatchingStrategy;
  maxPerDiscipline?: number;
  maxDistanceKm?: number | null;
  candidateLimitPerExpert?: number | null;
  /** Pins to attempt (kept only when they respect capacities and caps). */
  pins?: number;
  forbidden?: number;
  /** Share of experts with stated preferences. */
  preferenceShare?: number;
  /** When set, experts sit at this many shared campus locations (else each has its own). */
  campuses?: number;
  /** Universities u1..uN the experts belong to (default 3). */
  universities?: number;
  teamPolicy?: TeamPolicy;
  /** Give each university a random project limit, from 0 up to `maxProjectsUpTo`. */
  maxProjectsUpTo?: number;
}

export interface RandomInstance {
  instance: MatchingInstanceV1;
  affinity: AffinityFn;
}

/** A small deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates a valid random instance and its affinity table. */
export function generateRandomInstance(o: RandomInstanceOptions): RandomInstance {
  const rnd = mulberry32(o.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
    return out;
  };
  const nI = o.issueTypes ?? 5;
  const nD = o.disciplines ?? 8;
  const issues = Array.from({ length: nI }, (_, i) => `issue_${i}`);
  const disciplines = Array.from({ length: nD }, (_, i) => `disc_${i}`);
  const zeroShare = o.zeroAffinity ?? 0.4;
  const table = new Map<string, number>();
  for (const t of issues) for (const d of disciplines) table.set(`${t}|${d}`, rnd() < zeroShare ? 0 : int(1, 100));
  const affinity: AffinityFn = (t, d) => table.get(`${t}|${d}`) ?? 0;

  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  const projects: InstanceProject[] = Array.from({ length: o.projects }, (_, i) => {
    const tMin = int(0, 2);
    const sMin = int(0, 3);
    const p: InstanceProject = {
      id: `P${pad(i + 1, 4)}`,
      districtId: `d${int(1, 4)}`,
      location: { lat: 30.9 + rnd() * 0.6, lon: 121.1 + rnd() * 0.7 },
      issueTypes: sample(issues, int(1, 3)),
      slots: { teacher: { min: tMin, max: tMin + int(0, 3) }, student: { min: sMin, max: sMin + int(0, 3) } },
    };
    if (rnd() < 0.4) p.wantedDisciplines = sample(disciplines, int(1, 2));
    return p;
  });
  const campuses = Array.from({ length: o.campuses ?? 0 }, () => ({ lat: 30.9 + rnd() * 0.6, lon: 121.1 + rnd() * 0.7 }));
  const experts: InstanceExpert[] = Array.from({ length: o.experts }, (_, i) => {
    const kind = rnd() < 0.4 ? 'teacher' : 'student';
    const x: InstanceExpert = {
      id: `${kind === 'teacher' ? 'T' : 'S'}${pad(i + 1, 4)}`,
      kind,
      universityId: `u${int(1, o.universities ?? 3)}`,
      collegeId: `c${int(1, 6)}`,
      disciplines: sample(disciplines, int(1, 3)),
      location: campuses.length > 0 ? { ...pick(campuses) } : { lat: 30.9 + rnd() * 0.6, lon: 121.1 + rnd() * 0.7 },
      capacity: kind === 'teacher' ? pick([0, 1, 1, 2, 2]) : pick([1, 1, 1, 2]),
    };
    if (projects.length > 0 && rnd() < (o.preferenceShare ?? 0.3)) {
      x.preferences = sample(
        projects.map((p) => p.id),
        int(1, 3),
      );
    }
    return x;
  });

  // Pins that respect capacity, the kind's max and the discipline cap.
  const maxPerDiscipline = o.maxPerDiscipline ?? 2;
  const pinned: ExpertProjectPair[] = [];
  const used = new Map<string, number>();
  const pinKey = new Set<string>();
  for (let a = 0; a < (o.pins ?? 0) && projects.length > 0 && experts.length > 0; a++) {
    const x = pick(experts);
    const p = pick(projects);
    const key = `${x.id}|${p.id}`;
    const kindKey = `${p.id}|${x.kind}`;
    const discKey = `${kindKey}|${x.disciplines[0]}`;
    if (pinKey.has(key)) continue;
    if ((used.get(x.id) ?? 0) >= x.capacity) continue;
    if ((used.get(kindKey) ?? 0) >= p.slots[x.kind].max) continue;
    if ((used.get(discKey) ?? 0) >= maxPerDiscipline) continue;
    for (const k of [x.id, kindKey, discKey]) used.set(k, (used.get(k) ?? 0) + 1);
    pinKey.add(key);
    pinned.push({ expertId: x.id, projectId: p.id });
  }
  const forbidden: ExpertProjectPair[] = [];
  const forbidKey = new Set<string>();
  for (let a = 0; a < (o.forbidden ?? 0) && projects.length > 0 && experts.length > 0; a++) {
    const x = pick(experts);
    const p = pick(projects);
    const key = `${x.id}|${p.id}`;
    if (pinKey.has(key) || forbidKey.has(key)) continue;
    forbidKey.add(key);
    forbidden.push({ expertId: x.id, projectId: p.id });
  }
  // Under one-university, a project's pins keep only its first pin's university (others would be invalid).
  const leadOfPins = new Map<string, string>();
  const universityOf = new Map(experts.map((x) => [x.id, x.universityId]));
  const keptPins =
    o.teamPolicy === 'one-university'
      ? pinned.filter((pin) => {
          const u = universityOf.get(pin.expertId)!;
          if (!leadOfPins.has(pin.projectId)) leadOfPins.set(pin.projectId, u);
          return leadOfPins.get(pin.projectId) === u;
        })
      : pinned;
  const instance: MatchingInstanceV1 = {
    version: 1,
    projects,
    experts,
    pinned: keptPins,
    forbidden,
    options: {
      strategy: o.strategy ?? 'optimal',
      maxPerDiscipline,
      maxDistanceKm: o.maxDistanceKm ?? null,
      candidateLimitPerExpert: o.candidateLimitPerExpert ?? null,
      ...(o.teamPolicy ? { teamPolicy: o.teamPolicy } : {}),
    },
  };
  if (o.maxProjectsUpTo !== undefined) {
    // Drawn last, so instances without limits keep their random stream. A limit never goes below the
    // projects a university's pins already serve (that instance would be invalid).
    const pinnedProjects = new Map<string, Set<string>>();
    for (const pin of keptPins) {
      const u = universityOf.get(pin.expertId)!;
      pinnedProjects.set(u, (pinnedProjects.get(u) ?? new Set()).add(pin.projectId));
    }
    const limits: Record<string, UniversityLimit> = {};
    for (let u = 1; u <= (o.universities ?? 3); u++) {
      const id = `u${u}`;
      limits[id] = { maxProjects: Math.max(pinnedProjects.get(id)?.size ?? 0, int(0, o.maxProjectsUpTo)) };
    }
    instance.options!.universityLimits = limits;
  }
  return { instance, affinity };
}
