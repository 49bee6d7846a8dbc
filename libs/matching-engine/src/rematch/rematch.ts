/**
 * Re-matching after declines: every other earlier assignment is pinned, the declined pairs are forbidden, and
 * the solve fills only the freed slots (pins use their capacity up front, so the flow network that is left is
 * tiny). With `full`, only the instance's own pins are kept and the whole round is solved again.
 * Passing the EngineContext of the earlier solve (options.context) reuses its scoring: only experts whose
 * forbidden pairs changed are scored again. It is used only when it has the same projects and experts arrays
 * and options as the instance (its scoring options then apply).
 */
import type { ExpertProjectPair, MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { createEngineContext, deriveEngineContext, type EngineContext } from '../model/engine-context';
import type { RematchOptions } from '../model/engine-options';
import { solveContext } from '../solve';
import type { LeadConstraints } from '../teams/team-rules';

/** Whether a context of an earlier solve has the same projects, experts (same arrays) and options. */
function reusable(ctx: EngineContext, next: MatchingInstanceV1): boolean {
  const a = ctx.prep.instance;
  const o = a.options ?? {};
  const n = next.options ?? {};
  return (
    a.projects === next.projects &&
    a.experts === next.experts &&
    (o.maxPerDiscipline ?? 2) === (n.maxPerDiscipline ?? 2) &&
    (o.maxDistanceKm ?? null) === (n.maxDistanceKm ?? null) &&
    (o.candidateLimitPerExpert ?? null) === (n.candidateLimitPerExpert ?? null) &&
    (o.teamPolicy ?? 'mixed') === (n.teamPolicy ?? 'mixed') &&
    JSON.stringify(o.universityLimits ?? {}) === JSON.stringify(n.universityLimits ?? {})
  );
}

/** Re-solves a round after `declined` pairs were declined; stats.changedAssignments counts earlier ones not kept. */
export function rematch(
  instance: MatchingInstanceV1,
  previous: MatchingResultV1,
  declined: readonly ExpertProjectPair[],
  options: RematchOptions = {},
): MatchingResultV1 {
  const startedAt = performance.now();
  const key = (p: ExpertProjectPair): string => `${p.expertId}\u0000${p.projectId}`;
  const oneUniversity = instance.options?.teamPolicy === 'one-university';
  // A university's decline of a project releases every earlier assignment of its people to the project.
  const universityOf = new Map(instance.experts.map((x) => [x.id, x.universityId]));
  const projectDeclines = new Set((options.universityDeclines ?? []).map((d) => `${d.universityId}\u0000${d.projectId}`));
  const released = previous.assignments.filter((a) => projectDeclines.has(`${universityOf.get(a.expertId)}\u0000${a.projectId}`));
  declined = [...declined, ...released];
  const declinedKeys = new Set(declined.map(key));
  const pinnedKeys = new Set<string>();
  const pinned: ExpertProjectPair[] = [];
  const addPin = (p: ExpertProjectPair): void => {
    const k = key(p);
    if (declinedKeys.has(k) || pinnedKeys.has(k)) return;
    pinnedKeys.add(k);
    pinned.push({ expertId: p.expertId, projectId: p.projectId });
  };
  for (const p of instance.pinned ?? []) addPin(p);
  if (!options.full) for (const a of previous.assignments) addPin(a);

  const forbiddenKeys = new Set<string>();
  const forbidden: ExpertProjectPair[] = [];
  for (const p of [...(instance.forbidden ?? []), ...declined]) {
    const k = key(p);
    if (forbiddenKeys.has(k)) continue;
    forbiddenKeys.add(k);
    forbidden.push({ expertId: p.expertId, projectId: p.projectId });
  }
  const next: MatchingInstanceV1 = {
    ...instance,
    pinned,
    forbidden,
    options: { ...instance.options, strategy: instance.options?.strategy ?? previous.strategy },
  };
  const ctx =
    options.context && reusable(options.context, next) ? deriveEngineContext(options.context, next) : createEngineContext(next, options.scoring);
  const leads = oneUniversity && !options.full ? keptLeads(instance, previous, options.universityDeclines ?? []) : undefined;
  const result = solveContext(ctx, startedAt, { ...options, leads });
  const kept = new Set(result.assignments.map(key));
  let changed = 0;
  for (const a of previous.assignments) if (!declinedKeys.has(key(a)) && !kept.has(key(a))) changed++;
  result.stats.changedAssignments = changed;
  return result;
}

/**
 * Under one-university a re-match keeps every project's lead university (a project without a team stays without
 * one), except projects whose lead declined them: those may get any other university.
 */
function keptLeads(
  instance: MatchingInstanceV1,
  previous: MatchingResultV1,
  universityDeclines: ReadonlyArray<{ projectId: string; universityId: string }>,
): LeadConstraints {
  const lead = new Map((previous.teams ?? []).map((t) => [t.projectId, t.universityId]));
  const declinedProjects = new Set(universityDeclines.map((d) => d.projectId));
  const kept = new Map<string, string | null>();
  for (const p of instance.projects) if (!declinedProjects.has(p.id)) kept.set(p.id, lead.get(p.id) ?? null);
  return { kept, forbidden: universityDeclines };
}
