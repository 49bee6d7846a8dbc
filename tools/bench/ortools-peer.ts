/**
 * The OR-tools peer of the engine benchmark: the same instance as a min-cost-flow network (the engine's eligible
 * pairs and weights, the contract's lexicographic objective as costs, pins as lower bounds), written to a file and
 * solved by `tools/ortools-peer` (OR-tools' SimpleMinCostFlow through its Java wrapper) in a JVM of its own.
 * Where Java or Maven is missing the peer is skipped with the reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MatchingInstanceV1 } from '@civic/contracts';

/** One eligible pair as the engine emits it (`solve(..., { emitEdges: true })`). */
export interface PeerEdge {
  expertId: string;
  projectId: string;
  weight: number;
}

/** The network in the column layout the Java peer reads. */
export interface FlowNetwork {
  nodes: number;
  tail: Int32Array;
  head: Int32Array;
  lower: Int32Array;
  upper: Int32Array;
  cost: Float64Array;
  /** 0 plain, 1 pair arc (its weight is -cost), 2 coverage arc. */
  role: Uint8Array;
  big: number;
}

/** What the Java peer prints. */
export interface PeerRun {
  nodes: number;
  arcs: number;
  status: string;
  coverage: number;
  weight: number;
  loadNativeMs: number;
  /** Solve() alone: the first of the JVM (cold), and the median of the others. */
  coldMs: number;
  warmMsMedian: number;
  /** CPU time of the warm Solve() calls (the calling thread's: the solver is single-threaded), median. */
  warmCpuMsMedian: number;
  solveMs: number[];
  solveCpuMs: number[];
  buildMs: number[];
  java: string;
}

const ROLE_PAIR = 1;
const ROLE_COVERAGE = 2;

/**
 * The contract's problem as a circulation: S -> expert (capacity), expert -> (project, kind, primary discipline)
 * (1, cost -weight, lower bound 1 when pinned), group -> (project, kind) (maxPerDiscipline), (project, kind) -> T
 * twice (min units at cost -BIG, max - min at 0), T -> S. BIG is 1 + the sum over experts of capacity x best
 * weight, so one unit of coverage outweighs all weight (the same rule as the engine's network).
 */
export function buildPeerNetwork(instance: MatchingInstanceV1, edges: readonly PeerEdge[]): FlowNetwork {
  const maxPerDiscipline = instance.options?.maxPerDiscipline ?? 2;
  const experts = new Map(instance.experts.map((x, i) => [x.id, { x, node: 2 + i }]));
  const projects = new Map(instance.projects.map((p, i) => [p.id, { p, i }]));
  const pinned = new Set((instance.pinned ?? []).map((p) => `${p.expertId}|${p.projectId}`));
  const S = 0;
  const T = 1;
  const rBase = 2 + instance.experts.length;
  let nodes = rBase + 2 * instance.projects.length;
  const groupNode = new Map<string, number>();
  const tail: number[] = [];
  const head: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const cost: number[] = [];
  const role: number[] = [];
  const arc = (u: number, v: number, lo: number, hi: number, c: number, r = 0): void => {
    tail.push(u);
    head.push(v);
    lower.push(lo);
    upper.push(hi);
    cost.push(c);
    role.push(r);
  };
  const best = new Map<string, number>();
  for (const e of edges) best.set(e.expertId, Math.max(best.get(e.expertId) ?? 0, e.weight));
  let big = 1;
  let totalCapacity = 0;
  for (const x of instance.experts) {
    big += x.capacity * (best.get(x.id) ?? 0);
    totalCapacity += x.capacity;
    arc(S, experts.get(x.id)!.node, 0, x.capacity, 0);
  }
  const groupArcs: Array<[number, number]> = [];
  for (const e of edges) {
    const { x, node } = experts.get(e.expertId)!;
    const { i } = projects.get(e.projectId)!;
    const kind = x.kind === 'teacher' ? 0 : 1;
    const key = `${e.projectId}|${kind}|${x.disciplines[0]}`;
    let q = groupNode.get(key);
    if (q === undefined) {
      q = nodes++;
      groupNode.set(key, q);
      groupArcs.push([q, rBase + 2 * i + kind]);
    }
    arc(node, q, pinned.has(`${e.expertId}|${e.projectId}`) ? 1 : 0, 1, -e.weight, ROLE_PAIR);
  }
  for (const [q, r] of groupArcs) arc(q, r, 0, maxPerDiscipline, 0);
  instance.projects.forEach((p, i) => {
    for (const [kind, slots] of [p.slots.teacher, p.slots.student].entries()) {
      const r = rBase + 2 * i + kind;
      if (slots.min > 0) arc(r, T, 0, slots.min, -big, ROLE_COVERAGE);
      if (slots.max > slots.min) arc(r, T, 0, slots.max - slots.min, 0);
    }
  });
  arc(T, S, 0, totalCapacity, 0);
  return {
    nodes,
    tail: Int32Array.from(tail),
    head: Int32Array.from(head),
    lower: Int32Array.from(lower),
    upper: Int32Array.from(upper),
    cost: Float64Array.from(cost),
    role: Uint8Array.from(role),
    big,
  };
}

/** The network as the peer's CMF1 file (little-endian, column by column). */
export function encodePeerNetwork(n: FlowNetwork): Buffer {
  const m = n.tail.length;
  const buf = Buffer.alloc(12 + m * (4 * 4 + 8 + 1));
  buf.writeInt32LE(0x31464d43, 0);
  buf.writeInt32LE(n.nodes, 4);
  buf.writeInt32LE(m, 8);
  let at = 12;
  for (const col of [n.tail, n.head, n.lower, n.upper]) {
    Buffer.from(col.buffer, col.byteOffset, col.byteLength).copy(buf, at);
    at += col.byteLength;
  }
  for (let a = 0; a < m; a++, at += 8) buf.writeBigInt64LE(BigInt(n.cost[a]), at);
  Buffer.from(n.role.buffer, n.role.byteOffset, n.role.byteLength).copy(buf, at);
  return buf;
}

// From tools/bench (ts-jest) or dist/tools/bench (compiled).
const PEER_DIR = [resolve(__dirname, '..', 'ortools-peer'), resolve(__dirname, '..', '..', '..', 'tools', 'ortools-peer')].find((d) => existsSync(join(d, 'pom.xml')))!;
const PEER_JAR = join(PEER_DIR, 'target', 'ortools-peer.jar');

/** Why the peer cannot run here (no Java, no Maven to build it, a failed build), or null when it can. */
export function ensurePeerBuilt(log: (line: string) => void = () => undefined): string | null {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) return 'java not found (install a JDK 17+ to run the OR-tools peer)';
  if (existsSync(PEER_JAR) && !peerSourcesNewer()) return null;
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) return 'mvn not found (needed once to build tools/ortools-peer)';
  log('building tools/ortools-peer (mvn package; fetches com.google.ortools:ortools-java once)');
  const build = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', join(PEER_DIR, 'pom.xml'), 'package'], { encoding: 'utf8' });
  if (build.status !== 0 || !existsSync(PEER_JAR)) return `mvn package of tools/ortools-peer failed: ${(build.stdout + build.stderr).trim().split('\n').slice(-3).join(' ')}`;
  return null;
}

/** Whether the pom or a Java source changed since the jar was built. */
function peerSourcesNewer(): boolean {
  const built = statSync(PEER_JAR).mtimeMs;
  const sources = join(PEER_DIR, 'src', 'main', 'java', 'org', 'civicmatch', 'ortools');
  const files = [join(PEER_DIR, 'pom.xml'), ...readdirSync(sources).map((f) => join(sources, f))];
  return files.some((f) => statSync(f).mtimeMs > built);
}

/** Solves the network `runs` times in one fresh JVM (the first solve is its cold one). */
export function runPeer(network: FlowNetwork, runs: number): PeerRun {
  const file = join(tmpdir(), `civic-ortools-${process.pid}-${Date.now()}.cmf`);
  writeFileSync(file, encodePeerNetwork(network));
  try {
    const out = spawnSync('java', ['-Xss16m', '-cp', `${PEER_JAR}:${join(PEER_DIR, 'target', 'lib', '*')}`, 'org.civicmatch.ortools.MinCostFlowPeer', file, String(runs)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (out.status !== 0) throw new Error(`OR-tools peer failed (exit ${out.status}): ${out.stderr.trim().split('\n').slice(-3).join(' ')}`);
    return JSON.parse(out.stdout.trim().split('\n').pop()!) as PeerRun;
  } finally {
    unlinkSync(file);
  }
}
