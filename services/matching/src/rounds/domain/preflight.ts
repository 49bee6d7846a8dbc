import type {
  ExpertKind,
  ExpertProjectPair,
  GeoPoint,
  InstanceProject,
  Preflight,
  PreflightDisciplineFigures,
  PreflightDistrictFigures,
  PreflightKindFigures,
  PreflightUniversityFigures,
  ProjectShortage,
  UniversityLimit,
} from '@civic/contracts';

/** An expert as a preflight sees it: where, what, and the capacity left to the round (other rounds' holdings taken off). */
export interface PreflightExpert {
  id: string;
  kind: ExpertKind;
  universityId: string;
  disciplines: readonly string[];
  location: GeoPoint;
  capacityLeft: number;
}

/** What a preflight measures: the scope's projects (slots left to the round), the experts, and the round's rules. */
export interface PreflightInput {
  projects: readonly InstanceProject[];
  experts: readonly PreflightExpert[];
  forbidden: readonly ExpertProjectPair[];
  maxDistanceKm: number | null;
  teamPolicy: 'mixed' | 'one-university';
  universityLimits: Readonly<Record<string, UniversityLimit>>;
}

/** Pure helpers the preflight needs from the engine and the catalogue (passed in, so this stays plain arithmetic). */
export interface PreflightRules {
  distanceKm: (a: GeoPoint, b: GeoPoint) => number;
  /** Affinity 0..100 of a discipline to an issue type. */
  affinity: (issueType: string, discipline: string) => number;
}

const KINDS: readonly ExpertKind[] = ['teacher', 'student'];

/**
 * Supply against demand before any solve: per kind, per discipline the projects ask for, per district (experts
 * eligible for one of its projects: within the distance limit and of some fit), per university under the
 * one-university policy, and every (project, kind) with a minimum but no eligible expert, with the reasons. Figures
 * per district and university are upper bounds (one expert's capacity counts wherever it could go): a shortfall
 * there is certain, the absence of one is not a promise.
 */
export function preflight(input: PreflightInput, rules: PreflightRules): Preflight {
  const forbidden = new Set(input.forbidden.map((f) => `${f.expertId}\u0000${f.projectId}`));
  // Fit depends only on the project's issue types and the expert's disciplines: each expert's fitting issue types once.
  const issueTypes = [...new Set(input.projects.flatMap((p) => p.issueTypes))];
  const fitting = new Map(input.experts.map((e) => [e.id, new Set(issueTypes.filter((t) => e.disciplines.some((d) => rules.affinity(t, d) > 0)))]));
  const fits = (p: InstanceProject, e: PreflightExpert) => p.issueTypes.some((t) => fitting.get(e.id)!.has(t));
  const near = (p: InstanceProject, e: PreflightExpert) => input.maxDistanceKm === null || rules.distanceKm(p.location, e.location) <= input.maxDistanceKm;

  const byKind: PreflightKindFigures[] = KINDS.map((kind) => {
    const experts = input.experts.filter((e) => e.kind === kind && e.capacityLeft > 0);
    const demandMin = sum(input.projects.map((p) => p.slots[kind].min));
    const capacity = sum(experts.map((e) => e.capacityLeft));
    return {
      kind,
      projects: input.projects.filter((p) => p.slots[kind].min > 0).length,
      demandMin,
      demandMax: sum(input.projects.map((p) => p.slots[kind].max)),
      experts: experts.length,
      capacity,
      shortfall: Math.max(0, demandMin - capacity),
    };
  });

  const asked = new Map<string, number>();
  for (const p of input.projects) for (const d of new Set(p.wantedDisciplines ?? [])) asked.set(d, (asked.get(d) ?? 0) + 1);
  const byDiscipline: PreflightDisciplineFigures[] = [...asked.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([discipline, projectsAsking]) => {
      const experts = input.experts.filter((e) => e.capacityLeft > 0 && e.disciplines.includes(discipline));
      const capacity = sum(experts.map((e) => e.capacityLeft));
      return { discipline, projectsAsking, experts: experts.length, capacity, shortfall: Math.max(0, projectsAsking - capacity) };
    });

  // Eligibility of every (project, expert) pair, computed once.
  const eligible = new Map<string, PreflightExpert[]>();
  const shortages: ProjectShortage[] = [];
  for (const p of input.projects) {
    const list: PreflightExpert[] = [];
    for (const kind of KINDS) {
      const excluded = { capacity: 0, forbidden: 0, disciplineFit: 0, distance: 0 };
      let candidates = 0;
      let ok = 0;
      for (const e of input.experts) {
        if (e.kind !== kind) continue;
        candidates++;
        const full = e.capacityLeft <= 0;
        const banned = forbidden.size > 0 && forbidden.has(`${e.id}\u0000${p.id}`);
        const noFit = !fits(p, e);
        const far = !near(p, e);
        if (full) excluded.capacity++;
        if (banned) excluded.forbidden++;
        if (noFit) excluded.disciplineFit++;
        if (far) excluded.distance++;
        if (!full && !banned && !noFit && !far) {
          ok++;
          list.push(e);
        }
      }
      if (ok === 0 && p.slots[kind].min > 0) {
        shortages.push({ projectId: p.id, districtId: p.districtId, kind, min: p.slots[kind].min, candidates, excluded, why: shortageWords(p, kind, candidates, excluded, input.maxDistanceKm) });
      }
    }
    eligible.set(p.id, list);
  }

  const districts = [...new Set(input.projects.map((p) => p.districtId))].sort(cmp);
  const byDistrict: PreflightDistrictFigures[] = districts.flatMap((districtId) =>
    KINDS.map((kind) => {
      const projects = input.projects.filter((p) => p.districtId === districtId);
      const reachable = new Map<string, PreflightExpert>();
      for (const p of projects) for (const e of eligible.get(p.id)!) if (e.kind === kind) reachable.set(e.id, e);
      const demandMin = sum(projects.map((p) => p.slots[kind].min));
      const reachableCapacity = sum([...reachable.values()].map((e) => e.capacityLeft));
      return { districtId, kind, demandMin, reachableExperts: reachable.size, reachableCapacity, shortfall: Math.max(0, demandMin - reachableCapacity) };
    }),
  );

  let byUniversity: PreflightUniversityFigures[] | null = null;
  if (input.teamPolicy === 'one-university') {
    const universities = [...new Set(input.experts.map((e) => e.universityId))].sort(cmp);
    byUniversity = universities.map((universityId) => {
      const own = input.experts.filter((e) => e.universityId === universityId && e.capacityLeft > 0);
      const staff = input.projects.filter((p) =>
        KINDS.every((kind) => eligible.get(p.id)!.filter((e) => e.universityId === universityId && e.kind === kind).length >= p.slots[kind].min),
      ).length;
      return {
        universityId,
        teachers: own.filter((e) => e.kind === 'teacher').length,
        students: own.filter((e) => e.kind === 'student').length,
        capacity: sum(own.map((e) => e.capacityLeft)),
        projectsItCanStaff: staff,
        maxProjects: input.universityLimits[universityId]?.maxProjects ?? null,
      };
    });
  }

  const summary: string[] = [];
  for (const k of byKind) {
    summary.push(
      k.shortfall > 0
        ? `${k.kind}s: ${k.demandMin} places are needed at the minimum but only ${k.capacity} can be given (${k.experts} ${k.kind}s): ${k.shortfall} short`
        : `${k.kind}s: ${k.capacity} places (${k.experts} ${k.kind}s) for ${k.demandMin} needed at the minimum`,
    );
  }
  for (const d of byDistrict.filter((x) => x.shortfall > 0)) {
    summary.push(`${d.districtId}: ${d.demandMin} ${d.kind} places needed, at most ${d.reachableCapacity} reachable${input.maxDistanceKm === null ? '' : ` within ${input.maxDistanceKm} km`}`);
  }
  for (const d of byDiscipline.filter((x) => x.shortfall > 0)) summary.push(`${d.discipline}: ${d.projectsAsking} projects ask for it, ${d.capacity} places can be given`);
  if (byUniversity) {
    const staffable = new Set<string>();
    for (const p of input.projects) {
      if (byUniversity.some((u) => KINDS.every((kind) => eligible.get(p.id)!.filter((e) => e.universityId === u.universityId && e.kind === kind).length >= p.slots[kind].min))) staffable.add(p.id);
    }
    const alone = input.projects.length - staffable.size;
    if (alone > 0) summary.push(`${alone} project(s) cannot get a minimum team from any one university`);
  }
  if (shortages.length) summary.push(`${shortages.length} (project, kind) with a minimum have no eligible expert at all`);
  const feasible = byKind.every((k) => k.shortfall === 0) && byDistrict.every((d) => d.shortfall === 0) && shortages.length === 0;
  return { feasible, summary, byKind, byDiscipline, byDistrict, byUniversity, projectsWithoutExpert: shortages };
}

function shortageWords(p: InstanceProject, kind: ExpertKind, candidates: number, x: ProjectShortage['excluded'], maxKm: number | null): string {
  if (candidates === 0) return `no ${kind} is available at all`;
  const parts = [
    x.distance ? `${x.distance} farther than ${maxKm} km` : '',
    x.disciplineFit ? `${x.disciplineFit} whose disciplines do not fit ${p.issueTypes.join(', ')}` : '',
    x.forbidden ? `${x.forbidden} forbidden for this project` : '',
    x.capacity ? `${x.capacity} with no capacity left` : '',
  ].filter(Boolean);
  return `none of ${candidates} ${kind}s is eligible: ${parts.join('; ')}`;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
