/**
 * The test oracle of the team policy: the contract's model as a mixed-integer program in CPLEX LP format,
 * solved by HiGHS lexicographically (max coverage, then max weight with coverage fixed). Beside the flow model of
 * lp-oracle.ts it has binaries z(p, u), "university u serves project p": every x(e, p) <= z(p, u(e)); under
 * one-university each project has at most one u (sum_u z(p, u) <= 1); a university limit bounds sum_p z(p, u).
 * Only z is integer: for fixed z the rest is the network model of lp-oracle.ts, integral at its LP optimum.
 * Written straight from the instance and the eligible edges, independently of the engine's search.
 */
import type { MatchingInstanceV1, MatchingObjective } from '@civic/contracts';
import { loadHighs, type LpEdge } from './lp-oracle';

/** Writes the MIP of one phase (coverage, or weight with coverage >= `coverageAtLeast`). */
export function buildTeamMip(instance: MatchingInstanceV1, edges: readonly LpEdge[], phase: 'coverage' | 'weight', coverageAtLeast = 0): string {
  const options = instance.options ?? {};
  const cap = options.maxPerDiscipline ?? 2;
  const oneUniversity = options.teamPolicy === 'one-university';
  const limits = options.universityLimits ?? {};
  const experts = new Map(instance.experts.map((x) => [x.id, x]));
  const pinned = new Set((instance.pinned ?? []).map((p) => `${p.expertId}|${p.projectId}`));
  const lists = new Map<string, string[]>();
  const push = (k: string, v: string): void => {
    const list = lists.get(k);
    if (list) list.push(v);
    else lists.set(k, [v]);
  };
  const zIndex = new Map<string, string>();
  const z = (projectId: string, universityId: string): string => {
    const key = `${projectId}|${universityId}`;
    let v = zIndex.get(key);
    if (!v) zIndex.set(key, (v = `z${zIndex.size}`));
    return v;
  };
  const rows: string[] = [];
  const bounds: string[] = [];
  let r = 0;
  edges.forEach((edge, i) => {
    const x = experts.get(edge.expertId)!;
    const v = `x${i}`;
    push(`e|${edge.expertId}`, v);
    push(`k|${edge.projectId}|${x.kind}`, v);
    push(`g|${edge.projectId}|${x.kind}|${x.disciplines[0]}`, v);
    bounds.push(pinned.has(`${edge.expertId}|${edge.projectId}`) ? ` ${v} = 1` : ` 0 <= ${v} <= 1`);
    rows.push(` c${r++}: ${v} - ${z(edge.projectId, x.universityId)} <= 0`);
  });
  const coverVars: string[] = [];
  for (const x of instance.experts) {
    const vars = lists.get(`e|${x.id}`);
    if (vars) rows.push(` c${r++}: ${vars.join(' + ')} <= ${x.capacity}`);
  }
  for (const p of instance.projects) {
    for (const kind of ['teacher', 'student'] as const) {
      const vars = lists.get(`k|${p.id}|${kind}`) ?? [];
      if (vars.length === 0) continue;
      rows.push(` c${r++}: ${vars.join(' + ')} <= ${p.slots[kind].max}`);
      if (p.slots[kind].min > 0) {
        const y = `y${coverVars.length}`;
        coverVars.push(y);
        bounds.push(` 0 <= ${y} <= ${p.slots[kind].min}`);
        rows.push(` c${r++}: ${y} - ${vars.join(' - ')} <= 0`);
      }
    }
  }
  for (const [key, vars] of lists) if (key.startsWith('g|') && vars.length > cap) rows.push(` c${r++}: ${vars.join(' + ')} <= ${cap}`);
  const zByProject = new Map<string, string[]>();
  const zByUniversity = new Map<string, string[]>();
  for (const [key, v] of zIndex) {
    const [projectId, universityId] = key.split('|');
    zByProject.set(projectId, [...(zByProject.get(projectId) ?? []), v]);
    zByUniversity.set(universityId, [...(zByUniversity.get(universityId) ?? []), v]);
  }
  if (oneUniversity) for (const vars of zByProject.values()) if (vars.length > 1) rows.push(` c${r++}: ${vars.join(' + ')} <= 1`);
  for (const [u, limit] of Object.entries(limits)) {
    const vars = zByUniversity.get(u);
    if (vars) rows.push(` c${r++}: ${vars.join(' + ')} <= ${limit.maxProjects}`);
  }
  let objective: string;
  if (phase === 'coverage') objective = coverVars.length > 0 ? coverVars.join(' + ') : '0 x0';
  else {
    objective = edges.length > 0 ? edges.map((e, i) => `${e.weight} x${i}`).join(' + ') : '0 y0';
    if (coverVars.length > 0) rows.push(` c${r++}: ${coverVars.join(' + ')} >= ${coverageAtLeast}`);
  }
  if (edges.length === 0) bounds.push(' x0 = 0');
  if (coverVars.length === 0) bounds.push(' y0 = 0');
  const wrap = (line: string): string => line.split(' ').reduce((out, w, i) => out + (i > 0 && i % 24 === 0 ? '\n   ' : i > 0 ? ' ' : '') + w, '');
  return [
    'Maximize',
    wrap(` obj: ${objective}`),
    'Subject To',
    ...(rows.length > 0 ? rows.map(wrap) : [' c0: x0 <= 1']),
    'Bounds',
    ...bounds,
    // Only z is binary: with z fixed what is left is the flow model, whose LP optimum is integral.
    'Binary',
    ...[...zIndex.values()].map((v) => ` ${v}`),
    'End',
    '',
  ].join('\n');
}

/** The lexicographic MIP optimum (coverage, then weight) by two HiGHS MIP solves. */
export async function highsTeamOptimum(
  instance: MatchingInstanceV1,
  edges: readonly LpEdge[],
  options: Record<string, unknown> = {},
): Promise<MatchingObjective & { status: string }> {
  const highs = await loadHighs();
  const opts = { output_flag: false, mip_rel_gap: 0, ...options };
  // HiGHS's presolve has called a feasible model of this kind infeasible (a CI run on 2026-12-06: the weight phase of
  // an instance with a pin and a university limit of 0; without presolve the same model solved to the engine's
  // optimum): a model that is not solved to optimality is solved again without presolve.
  const solveLp = (lp: string) => {
    const answer = highs.solve(lp, opts);
    return answer.Status === 'Optimal' ? answer : highs.solve(lp, { ...opts, presolve: 'off' });
  };
  const first = solveLp(buildTeamMip(instance, edges, 'coverage'));
  if (first.Status !== 'Optimal') return { coverage: NaN, weight: NaN, status: first.Status };
  const coverage = Math.round(first.ObjectiveValue);
  const second = solveLp(buildTeamMip(instance, edges, 'weight', coverage));
  if (second.Status !== 'Optimal') return { coverage, weight: NaN, status: second.Status };
  return { coverage, weight: Math.round(second.ObjectiveValue), status: second.Status };
}
