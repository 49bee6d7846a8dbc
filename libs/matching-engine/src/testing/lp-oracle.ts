/**
 * The test oracle: the contract's integer program written as an LP in CPLEX LP format, straight from the
 * instance and a list of eligible edges, and solved by HiGHS lexicographically (max coverage, then max weight
 * with coverage fixed). The constraint matrix is a network matrix, so the LP optimum is the integer optimum.
 */
import type { MatchingInstanceV1, MatchingObjective } from '@civic/contracts';

export interface LpEdge {
  expertId: string;
  projectId: string;
  weight: number;
}

/** Writes the two LPs (coverage, then weight with coverage >= `coverageAtLeast`). */
export function buildMatchingLp(
  instance: MatchingInstanceV1,
  edges: readonly LpEdge[],
  phase: 'coverage' | 'weight',
  coverageAtLeast = 0,
): string {
  const cap = instance.options?.maxPerDiscipline ?? 2;
  const experts = new Map(instance.experts.map((x) => [x.id, x]));
  const pinned = new Set((instance.pinned ?? []).map((p) => `${p.expertId}|${p.projectId}`));
  const byExpert = new Map<string, string[]>();
  const byKind = new Map<string, string[]>();
  const byGroup = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const bounds: string[] = [];
  edges.forEach((edge, i) => {
    const x = experts.get(edge.expertId)!;
    const v = `x${i}`;
    push(byExpert, edge.expertId, v);
    push(byKind, `${edge.projectId}|${x.kind}`, v);
    push(byGroup, `${edge.projectId}|${x.kind}|${x.disciplines[0]}`, v);
    bounds.push(pinned.has(`${edge.expertId}|${edge.projectId}`) ? ` ${v} = 1` : ` 0 <= ${v} <= 1`);
  });
  const coverVars: string[] = [];
  const rows: string[] = [];
  const sum = (terms: string[]): string => wrap(terms.join(' + '));
  let r = 0;
  for (const [id, vars] of byExpert) rows.push(` c${r++}: ${sum(vars)} <= ${experts.get(id)!.capacity}`);
  for (const p of instance.projects) {
    for (const kind of ['teacher', 'student'] as const) {
      const vars = byKind.get(`${p.id}|${kind}`) ?? [];
      if (vars.length > 0) rows.push(` c${r++}: ${sum(vars)} <= ${p.slots[kind].max}`);
      if (p.slots[kind].min > 0 && vars.length > 0) {
        const y = `y${coverVars.length}`;
        coverVars.push(y);
        bounds.push(` 0 <= ${y} <= ${p.slots[kind].min}`);
        rows.push(` c${r++}: ${y} - ${wrap(vars.join(' - '))} <= 0`);
      }
    }
  }
  for (const vars of byGroup.values()) if (vars.length > cap) rows.push(` c${r++}: ${sum(vars)} <= ${cap}`);
  let objective: string;
  if (phase === 'coverage') objective = coverVars.length > 0 ? sum(coverVars) : '0 x0';
  else {
    objective = edges.length > 0 ? wrap(edges.map((e, i) => `${e.weight} x${i}`).join(' + ')) : '0 y0';
    if (coverVars.length > 0) rows.push(` c${r++}: ${sum(coverVars)} >= ${coverageAtLeast}`);
  }
  if (edges.length === 0) bounds.push(' x0 = 0');
  if (coverVars.length === 0) bounds.push(' y0 = 0');
  return ['Maximize', ` obj: ${objective}`, 'Subject To', ...(rows.length > 0 ? rows : [' c0: x0 <= 1']), 'Bounds', ...bounds, 'End', ''].join('\n');
}

/** Long sums split over lines (LP readers limit line length). */
function wrap(expr: string): string {
  const parts = expr.split(' ');
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 24) lines.push(parts.slice(i, i + 24).join(' '));
  return lines.join('\n   ');
}

type HighsSolver = { solve(lp: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
let solverPromise: Promise<HighsSolver> | null = null;

/** The HiGHS WebAssembly solver (loaded once). */
export function loadHighs(): Promise<HighsSolver> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  solverPromise ??= (require('highs') as (o?: unknown) => Promise<HighsSolver>)();
  return solverPromise;
}

/** The lexicographic optimum (coverage, weight) over the given edges, by two HiGHS LP solves. */
export async function highsOptimum(
  instance: MatchingInstanceV1,
  edges: readonly LpEdge[],
  options: Record<string, unknown> = {},
): Promise<MatchingObjective & { status: string }> {
  const highs = await loadHighs();
  const opts = { output_flag: false, ...options };
  const first = highs.solve(buildMatchingLp(instance, edges, 'coverage'), opts);
  if (first.Status !== 'Optimal') return { coverage: NaN, weight: NaN, status: first.Status };
  const coverage = Math.round(first.ObjectiveValue);
  const second = highs.solve(buildMatchingLp(instance, edges, 'weight', coverage), opts);
  if (second.Status !== 'Optimal') return { coverage, weight: NaN, status: second.Status };
  return { coverage, weight: second.ObjectiveValue, status: second.Status };
}
