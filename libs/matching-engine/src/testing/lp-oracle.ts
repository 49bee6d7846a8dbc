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

/** Column-wise data of the same LP (for large instances, where LP text would be too big to build). */
export interface MatchingModelArrays {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** The lexicographic LPs as column-wise arrays: phase 'coverage' maximises the y sum, phase 'weight' maximises
 *  the weight with one more row, sum(y) >= coverageAtLeast. */
export function buildMatchingModel(
  instance: MatchingInstanceV1,
  edges: readonly LpEdge[],
  phase: 'coverage' | 'weight',
  coverageAtLeast = 0,
): MatchingModelArrays {
  const cap = instance.options?.maxPerDiscipline ?? 2;
  const experts = new Map(instance.experts.map((x) => [x.id, x]));
  const pinned = new Set((instance.pinned ?? []).map((p) => `${p.expertId}|${p.projectId}`));
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (lo: number, hi: number): number => {
    rowLower.push(lo);
    rowUpper.push(hi);
    return rowLower.length - 1;
  };
  const expertRow = new Map<string, number>();
  for (const x of instance.experts) expertRow.set(x.id, addRow(-Infinity, x.capacity));
  const kindRow = new Map<string, number>();
  const coverRow = new Map<string, number>();
  const coverCols: Array<{ row: number; min: number }> = [];
  for (const p of instance.projects) {
    for (const kind of ['teacher', 'student'] as const) {
      kindRow.set(`${p.id}|${kind}`, addRow(-Infinity, p.slots[kind].max));
      if (p.slots[kind].min > 0) {
        const row = addRow(-Infinity, 0);
        coverRow.set(`${p.id}|${kind}`, row);
        coverCols.push({ row, min: p.slots[kind].min });
      }
    }
  }
  const groupRow = new Map<string, number>();
  const groupKey = (e: LpEdge): string => {
    const x = experts.get(e.expertId)!;
    return `${e.projectId}|${x.kind}|${x.disciplines[0]}`;
  };
  const groupSize = new Map<string, number>();
  for (const e of edges) groupSize.set(groupKey(e), (groupSize.get(groupKey(e)) ?? 0) + 1);
  for (const [key, n] of groupSize) if (n > cap) groupRow.set(key, addRow(-Infinity, cap));
  const totalRow = phase === 'weight' && coverCols.length > 0 ? addRow(coverageAtLeast, Infinity) : -1;

  const numCols = edges.length + coverCols.length;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  edges.forEach((e, j) => {
    const x = experts.get(e.expertId)!;
    colCost[j] = phase === 'weight' ? e.weight : 0;
    colUpper[j] = 1;
    colLower[j] = pinned.has(`${e.expertId}|${e.projectId}`) ? 1 : 0;
    const rows: Array<[number, number]> = [
      [expertRow.get(e.expertId)!, 1],
      [kindRow.get(`${e.projectId}|${x.kind}`)!, 1],
    ];
    const g = groupRow.get(groupKey(e));
    if (g !== undefined) rows.push([g, 1]);
    const c = coverRow.get(`${e.projectId}|${x.kind}`);
    if (c !== undefined) rows.push([c, -1]);
    rows.sort((a, b) => a[0] - b[0]);
    for (const [r, v] of rows) {
      indices.push(r);
      values.push(v);
    }
    starts[j + 1] = indices.length;
  });
  coverCols.forEach((y, k) => {
    const j = edges.length + k;
    colCost[j] = phase === 'coverage' ? 1 : 0;
    colUpper[j] = y.min;
    indices.push(y.row);
    values.push(1);
    if (totalRow >= 0) {
      indices.push(totalRow);
      values.push(1);
    }
    starts[j + 1] = indices.length;
  });
  return {
    numCols,
    numRows: rowLower.length,
    colCost,
    colLower,
    colUpper,
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    starts,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
}

/** Result of a structured HiGHS solve: the objective, HiGHS's own run time, and whether it finished. */
export interface HighsRun extends MatchingObjective {
  status: 'optimal' | 'time limit' | string;
  runSeconds: number;
  /** Process CPU time spent in HiGHS's runs (model building excluded). */
  runCpuSeconds: number;
}

type HighsModel = {
  options: { set(values: Record<string, unknown>): unknown };
  run(): { modelStatus: number };
  getObjectiveValue(): number;
  getRunTime(): number;
  dispose(): void;
};
type HighsRuntime = {
  infinity: number;
  constants: { objectiveSense: { maximize: unknown }; modelStatus: Record<string, number> };
  createModel(data: unknown): HighsModel;
};

/** The lexicographic optimum by two structured HiGHS LP solves, each within `timeLimitSec`. */
export async function highsOptimumModel(
  instance: MatchingInstanceV1,
  edges: readonly LpEdge[],
  timeLimitSec = Infinity,
): Promise<HighsRun> {
  const highs = (await loadHighs()) as unknown as HighsRuntime;
  const solvePhase = (phase: 'coverage' | 'weight', coverage: number): { status: string; value: number; seconds: number; cpu: number } => {
    const m = buildMatchingModel(instance, edges, phase, coverage);
    const inf = (a: Float64Array): Float64Array => a.map((v) => (v === Infinity ? highs.infinity : v === -Infinity ? -highs.infinity : v));
    const model = highs.createModel({
      numCols: m.numCols,
      numRows: m.numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: m.colCost,
      colLower: m.colLower,
      colUpper: m.colUpper,
      rowLower: inf(m.rowLower),
      rowUpper: inf(m.rowUpper),
      matrix: { format: 'csc', numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
    });
    try {
      model.options.set({ output_flag: false, ...(Number.isFinite(timeLimitSec) ? { time_limit: timeLimitSec } : {}) });
      const before = process.cpuUsage();
      const { modelStatus } = model.run();
      const used = process.cpuUsage(before);
      const codes = highs.constants.modelStatus;
      const status = modelStatus === codes.optimal ? 'optimal' : modelStatus === codes.timeLimit ? 'time limit' : `status ${modelStatus}`;
      return { status, value: model.getObjectiveValue(), seconds: model.getRunTime(), cpu: (used.user + used.system) / 1e6 };
    } finally {
      model.dispose();
    }
  };
  const first = solvePhase('coverage', 0);
  if (first.status !== 'optimal') return { coverage: NaN, weight: NaN, status: first.status, runSeconds: first.seconds, runCpuSeconds: first.cpu };
  const coverage = Math.round(first.value);
  const second = solvePhase('weight', coverage);
  return {
    coverage,
    weight: second.status === 'optimal' ? second.value : NaN,
    status: second.status,
    runSeconds: first.seconds + second.seconds,
    runCpuSeconds: first.cpu + second.cpu,
  };
}
