/**
 * Instance validation: every problem is reported with the element it concerns, so an administrator can fix the
 * input. The solver refuses an invalid instance (InstanceValidationError) instead of crashing or guessing.
 */
import { EXPERT_KINDS, TEAM_POLICIES, type ExpertKind, type MatchingInstanceV1 } from '@civic/contracts';
import { DEFAULT_MAX_PER_DISCIPLINE } from '../model/engine-options';

/** One problem of an instance: the element it concerns (e.g. `experts[T0001].capacity`) and what is wrong. */
export interface ValidationIssue {
  element: string;
  message: string;
}

/** Thrown by the solve entry points for an invalid instance; `issues` lists every problem found. */
export class InstanceValidationError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(
      `invalid matching instance (${issues.length} issue${issues.length === 1 ? '' : 's'}): ` +
        issues
          .slice(0, 5)
          .map((i) => `${i.element}: ${i.message}`)
          .join('; ') +
        (issues.length > 5 ? '; ...' : ''),
    );
    this.name = 'InstanceValidationError';
    this.issues = issues;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks an instance against contract v1 and the engine's needs; an empty list means it can be solved. */
export function validateInstance(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (element: string, message: string): void => {
    issues.push({ element, message });
  };
  if (!isObject(input)) {
    add('instance', 'must be an object');
    return issues;
  }
  const instance = input as unknown as MatchingInstanceV1;
  if (instance.version !== 1) add('version', `must be 1, got ${JSON.stringify(instance.version)}`);

  const options: unknown = instance.options ?? {};
  let maxPerDiscipline = DEFAULT_MAX_PER_DISCIPLINE;
  let oneUniversity = false;
  if (!isObject(options)) add('options', 'must be an object');
  else {
    const o = options as Record<string, unknown>;
    if (o.strategy !== undefined && o.strategy !== 'optimal' && o.strategy !== 'stable') {
      add('options.strategy', `unknown strategy ${JSON.stringify(o.strategy)} (optimal | stable)`);
    }
    if (o.maxPerDiscipline !== undefined && o.maxPerDiscipline !== null) {
      if (!isNonNegInt(o.maxPerDiscipline) || o.maxPerDiscipline < 1) {
        add('options.maxPerDiscipline', 'must be an integer >= 1');
      } else maxPerDiscipline = o.maxPerDiscipline;
    }
    if (o.maxDistanceKm !== undefined && o.maxDistanceKm !== null && !(isFiniteNumber(o.maxDistanceKm) && o.maxDistanceKm >= 0)) {
      add('options.maxDistanceKm', 'must be null or a number >= 0');
    }
    const k = o.candidateLimitPerExpert;
    if (k !== undefined && k !== null && !(isNonNegInt(k) && k >= 1)) {
      add('options.candidateLimitPerExpert', 'must be null or an integer >= 1');
    }
    if (o.teamPolicy !== undefined && !(TEAM_POLICIES as readonly unknown[]).includes(o.teamPolicy)) {
      add('options.teamPolicy', `unknown team policy ${JSON.stringify(o.teamPolicy)} (mixed | one-university)`);
    } else if (o.teamPolicy === 'one-university' && o.strategy === 'stable') {
      add('options.teamPolicy', 'the stable strategy is not defined with the one-university policy (use optimal, or teamPolicy mixed)');
    }
    oneUniversity = o.teamPolicy === 'one-university';
    const limits = o.universityLimits;
    if (limits !== undefined && limits !== null) {
      if (!isObject(limits)) add('options.universityLimits', 'must be an object {universityId: {maxProjects}}');
      else {
        for (const [u, limit] of Object.entries(limits)) {
          if (!isObject(limit) || !isNonNegInt(limit.maxProjects)) {
            add(`options.universityLimits.${u}.maxProjects`, 'must be an integer >= 0');
          } else {
            for (const key of Object.keys(limit)) {
              if (key !== 'maxProjects') add(`options.universityLimits.${u}.${key}`, 'unknown field (only maxProjects)');
            }
          }
        }
      }
    }
  }

  const projects: unknown[] = Array.isArray(instance.projects) ? instance.projects : [];
  const experts: unknown[] = Array.isArray(instance.experts) ? instance.experts : [];
  if (!Array.isArray(instance.projects)) add('projects', 'must be an array');
  if (!Array.isArray(instance.experts)) add('experts', 'must be an array');

  const projectMax = new Map<string, Record<ExpertKind, number>>();
  projects.forEach((raw, i) => {
    if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') {
      add(`projects[${i}]`, 'must be an object with a non-empty string id');
      return;
    }
    const el = `projects[${raw.id}]`;
    if (projectMax.has(raw.id)) add(el, 'duplicate project id');
    checkLocation(raw.location, `${el}.location`, add);
    checkSlugList(raw.issueTypes, `${el}.issueTypes`, 1, 3, add);
    if (raw.wantedDisciplines !== undefined) checkSlugList(raw.wantedDisciplines, `${el}.wantedDisciplines`, 0, Infinity, add);
    const max: Record<ExpertKind, number> = { teacher: 0, student: 0 };
    if (!isObject(raw.slots)) add(`${el}.slots`, 'must be an object with teacher and student ranges');
    else {
      for (const key of Object.keys(raw.slots)) {
        if (!(EXPERT_KINDS as readonly string[]).includes(key)) add(`${el}.slots.${key}`, `unknown kind ${JSON.stringify(key)}`);
      }
      for (const kind of EXPERT_KINDS) {
        const r = raw.slots[kind];
        if (!isObject(r) || !isNonNegInt(r.min) || !isNonNegInt(r.max)) {
          add(`${el}.slots.${kind}`, 'must be {min, max} with integers >= 0');
          continue;
        }
        if (r.min > r.max) add(`${el}.slots.${kind}`, `min ${r.min} > max ${r.max}`);
        max[kind] = r.max;
      }
    }
    if (!projectMax.has(raw.id)) projectMax.set(raw.id, max);
  });

  const expertInfo = new Map<string, { kind: ExpertKind; capacity: number; primary: string; universityId: string }>();
  experts.forEach((raw, i) => {
    if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') {
      add(`experts[${i}]`, 'must be an object with a non-empty string id');
      return;
    }
    const el = `experts[${raw.id}]`;
    if (expertInfo.has(raw.id)) add(el, 'duplicate expert id');
    if (typeof raw.universityId !== 'string' || raw.universityId === '') add(`${el}.universityId`, 'must be a non-empty string');
    const kindOk = (EXPERT_KINDS as readonly unknown[]).includes(raw.kind);
    if (!kindOk) add(`${el}.kind`, `unknown kind ${JSON.stringify(raw.kind)} (teacher | student)`);
    if (!isNonNegInt(raw.capacity)) {
      add(`${el}.capacity`, typeof raw.capacity === 'number' && raw.capacity < 0 ? `negative capacity ${raw.capacity}` : 'must be an integer >= 0');
    }
    checkLocation(raw.location, `${el}.location`, add);
    const disciplinesOk = checkSlugList(raw.disciplines, `${el}.disciplines`, 1, 3, add);
    if (raw.preferences !== undefined) {
      if (!Array.isArray(raw.preferences)) add(`${el}.preferences`, 'must be an array of project ids');
      else {
        const seen = new Set<unknown>();
        raw.preferences.forEach((p: unknown, r: number) => {
          if (typeof p !== 'string' || !projectMax.has(p)) add(`${el}.preferences[${r}]`, `unknown project id ${JSON.stringify(p)}`);
          else if (seen.has(p)) add(`${el}.preferences[${r}]`, `duplicate preference ${p}`);
          seen.add(p);
        });
      }
    }
    if (!expertInfo.has(raw.id) && kindOk) {
      expertInfo.set(raw.id, {
        kind: raw.kind as ExpertKind,
        capacity: isNonNegInt(raw.capacity) ? raw.capacity : 0,
        primary: disciplinesOk ? (raw.disciplines as string[])[0] : '',
        universityId: typeof raw.universityId === 'string' ? raw.universityId : '',
      });
    }
  });

  const expertIds = new Set(experts.map((x) => (isObject(x) ? x.id : undefined)));
  const pairKey = (e: string, p: string): string => `${e}\u0000${p}`;
  const checkPairs = (list: unknown, name: 'pinned' | 'forbidden'): Set<string> => {
    const keys = new Set<string>();
    if (list === undefined || list === null) return keys;
    if (!Array.isArray(list)) {
      add(name, 'must be an array of {expertId, projectId}');
      return keys;
    }
    list.forEach((pair: unknown, i: number) => {
      const el = `${name}[${i}]`;
      if (!isObject(pair)) {
        add(el, 'must be {expertId, projectId}');
        return;
      }
      let ok = true;
      if (typeof pair.expertId !== 'string' || !expertIds.has(pair.expertId)) {
        add(`${el}.expertId`, `unknown expert id ${JSON.stringify(pair.expertId)}`);
        ok = false;
      }
      if (typeof pair.projectId !== 'string' || !projectMax.has(pair.projectId)) {
        add(`${el}.projectId`, `unknown project id ${JSON.stringify(pair.projectId)}`);
        ok = false;
      }
      if (!ok) return;
      const key = pairKey(pair.expertId as string, pair.projectId as string);
      if (keys.has(key)) add(el, `duplicate ${name} pair ${pair.expertId} -> ${pair.projectId}`);
      keys.add(key);
    });
    return keys;
  };
  checkPairs(instance.pinned, 'pinned');
  const forbiddenKeys = checkPairs(instance.forbidden, 'forbidden');

  const pins = (Array.isArray(instance.pinned) ? instance.pinned : []).filter(
    (p) => isObject(p) && expertInfo.has(p.expertId) && projectMax.has(p.projectId),
  );
  const seenPin = new Set<string>();
  const perExpert = new Map<string, number>();
  const perProjectKind = new Map<string, number>();
  const perDiscipline = new Map<string, number>();
  const leadOf = new Map<string, string>();
  pins.forEach((pin) => {
    const key = pairKey(pin.expertId, pin.projectId);
    if (seenPin.has(key)) return;
    seenPin.add(key);
    if (forbiddenKeys.has(key)) add(`pinned[${pin.expertId} -> ${pin.projectId}]`, 'pinned pair is also forbidden');
    const info = expertInfo.get(pin.expertId)!;
    perExpert.set(pin.expertId, (perExpert.get(pin.expertId) ?? 0) + 1);
    const pk = `${pin.projectId}\u0000${info.kind}`;
    perProjectKind.set(pk, (perProjectKind.get(pk) ?? 0) + 1);
    const pkd = `${pk}\u0000${info.primary}`;
    perDiscipline.set(pkd, (perDiscipline.get(pkd) ?? 0) + 1);
    const lead = leadOf.get(pin.projectId);
    if (lead === undefined) leadOf.set(pin.projectId, info.universityId);
    else if (oneUniversity && lead !== info.universityId && !leadOf.has(`!${pin.projectId}`)) {
      leadOf.set(`!${pin.projectId}`, '');
      add(`pinned[${pin.expertId} -> ${pin.projectId}]`, twoUniversities(pin.projectId, lead, info.universityId));
    }
  });
  for (const [expertId, n] of perExpert) {
    const cap = expertInfo.get(expertId)!.capacity;
    if (n > cap) add(`experts[${expertId}]`, `${n} pinned projects exceed capacity ${cap}`);
  }
  for (const [pk, n] of perProjectKind) {
    const [projectId, kind] = pk.split('\u0000') as [string, ExpertKind];
    const max = projectMax.get(projectId)![kind];
    if (n > max) add(`projects[${projectId}].slots.${kind}`, `${n} pinned ${kind}s exceed max ${max}`);
  }
  for (const [pkd, n] of perDiscipline) {
    const [projectId, kind, discipline] = pkd.split('\u0000');
    if (n > maxPerDiscipline) {
      add(`projects[${projectId}]`, `${n} pinned ${kind}s of discipline ${discipline} exceed the discipline cap ${maxPerDiscipline}`);
    }
  }
  return issues;
}

function twoUniversities(projectId: string, a: string, b: string): string {
  const [first, second] = a < b ? [a, b] : [b, a];
  return `project ${projectId} has pinned experts of two universities, ${first} and ${second}: the one-university policy allows one lead university per project`;
}

function checkLocation(v: unknown, el: string, add: (element: string, message: string) => void): void {
  if (!isObject(v) || !isFiniteNumber(v.lat) || !isFiniteNumber(v.lon) || Math.abs(v.lat) > 90 || Math.abs(v.lon) > 180) {
    add(el, 'must be {lat, lon} with finite degrees (|lat| <= 90, |lon| <= 180)');
  }
}

function checkSlugList(
  v: unknown,
  el: string,
  min: number,
  max: number,
  add: (element: string, message: string) => void,
): boolean {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
    add(el, 'must be an array of non-empty strings');
    return false;
  }
  if (v.length < min || v.length > max) {
    add(el, max === Infinity ? `needs at least ${min}` : `needs ${min}-${max} entries, got ${v.length}`);
    return false;
  }
  if (new Set(v).size !== v.length) {
    add(el, 'has duplicates');
    return false;
  }
  return true;
}

/**
 * Checks new pins and forbidden pairs against an instance that is already known to be valid (re-matching):
 * unknown ids, duplicates, pins that are also forbidden, and pins beyond capacity, a kind's max or the
 * discipline cap. Same messages as validateInstance.
 */
export function validatePairsFor(
  prep: import('../model/prepared-instance').PreparedInstance,
  pinned: readonly { expertId: string; projectId: string }[],
  forbidden: readonly { expertId: string; projectId: string }[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const P = prep.projectCount;
  const nD = prep.disciplines.length;
  const check = (list: readonly { expertId: string; projectId: string }[], name: 'pinned' | 'forbidden'): number[] => {
    const keys: number[] = [];
    const seen = new Set<number>();
    list.forEach((pair, i) => {
      const e = prep.expertIndex.get(pair.expertId);
      const p = prep.projectIndex.get(pair.projectId);
      if (e === undefined) issues.push({ element: `${name}[${i}].expertId`, message: `unknown expert id ${JSON.stringify(pair.expertId)}` });
      if (p === undefined) issues.push({ element: `${name}[${i}].projectId`, message: `unknown project id ${JSON.stringify(pair.projectId)}` });
      if (e === undefined || p === undefined) return;
      const key = e * P + p;
      if (seen.has(key)) issues.push({ element: `${name}[${i}]`, message: `duplicate ${name} pair ${pair.expertId} -> ${pair.projectId}` });
      else keys.push(key);
      seen.add(key);
    });
    return keys;
  };
  const pins = check(pinned, 'pinned');
  const forbiddenKeys = new Set(check(forbidden, 'forbidden'));
  const perExpert = new Map<number, number>();
  const perKind = new Map<number, number>();
  const perGroup = new Map<number, number>();
  const leadOf = new Map<number, number>();
  for (const key of pins) {
    const e = Math.floor(key / P);
    const p = key - e * P;
    if (forbiddenKeys.has(key)) {
      issues.push({ element: `pinned[${prep.expertIds[e]} -> ${prep.projectIds[p]}]`, message: 'pinned pair is also forbidden' });
    }
    const pk = p * 2 + prep.expertKind[e];
    perExpert.set(e, (perExpert.get(e) ?? 0) + 1);
    perKind.set(pk, (perKind.get(pk) ?? 0) + 1);
    const g = pk * nD + prep.expertDisciplines[e * 3];
    perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    const lead = leadOf.get(p);
    const u = prep.expertUniversity[e];
    if (lead === undefined) leadOf.set(p, u);
    else if (prep.teamPolicy === 'one-university' && lead !== u && lead >= 0) {
      leadOf.set(p, -1);
      issues.push({
        element: `pinned[${prep.expertIds[e]} -> ${prep.projectIds[p]}]`,
        message: twoUniversities(prep.projectIds[p], prep.universityIds[lead], prep.universityIds[u]),
      });
    }
  }
  for (const [e, n] of perExpert) {
    if (n > prep.expertCapacity[e]) issues.push({ element: `experts[${prep.expertIds[e]}]`, message: `${n} pinned projects exceed capacity ${prep.expertCapacity[e]}` });
  }
  const kinds = ['teacher', 'student'];
  for (const [pk, n] of perKind) {
    const kind = kinds[pk % 2];
    if (n > prep.slotMax[pk]) {
      issues.push({ element: `projects[${prep.projectIds[pk >> 1]}].slots.${kind}`, message: `${n} pinned ${kind}s exceed max ${prep.slotMax[pk]}` });
    }
  }
  for (const [g, n] of perGroup) {
    if (n <= prep.maxPerDiscipline) continue;
    const pk = Math.floor(g / nD);
    issues.push({
      element: `projects[${prep.projectIds[pk >> 1]}]`,
      message: `${n} pinned ${kinds[pk % 2]}s of discipline ${prep.disciplines[g - pk * nD]} exceed the discipline cap ${prep.maxPerDiscipline}`,
    });
  }
  return issues;
}
