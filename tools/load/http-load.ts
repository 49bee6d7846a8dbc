/**
 * A small closed-loop HTTP load generator on node:http with keep-alive connections: `connections` loops each send
 * a request, wait for the whole answer and send the next, for a fixed time, or pace themselves to a rate. Latency is
 * measured per request from the first byte written (or, when paced, the moment it was due) to the last byte read.
 */
import { Agent, request } from 'node:http';

/** One request the generator sends. */
export interface LoadRequest {
  method: string;
  /** Full URL. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What a load run measured. */
export interface LoadResult {
  name: string;
  connections: number;
  /** The paced rate asked for, if any. */
  ratePerSecond?: number;
  durationMs: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Mean bytes of an answer's body as it came over the wire (compressed, if it was). */
  bytesPerAnswer: number;
  /** Requests with no answer (refused, reset, timed out). */
  errors: number;
  /** Answers with a status the run did not expect (5xx, or 4xx it did not list). */
  unexpected: number;
}

export interface LoadOptions {
  name: string;
  connections: number;
  durationMs: number;
  /** Builds the i-th request (i counts from 0 across all connections). */
  next: (i: number) => LoadRequest | Promise<LoadRequest>;
  /** Statuses that are a correct answer for this traffic (default: 2xx). */
  expected?: (status: number) => boolean;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /**
   * Requests per second across all connections (default: as fast as answers come). Request i is due at
   * i / rate; its latency counts from that moment, so time spent waiting for a free connection is counted too.
   */
  ratePerSecond?: number;
}

/** Runs the load; resolves with its figures once every connection has finished its last request. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const expected = options.expected ?? ((s: number) => s >= 200 && s < 300);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let unexpected = 0;
  let issued = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const rate = options.ratePerSecond;
  const loop = async () => {
    while (performance.now() < deadline) {
      const i = issued++;
      let due = performance.now();
      if (rate) {
        due = started + (i * 1000) / rate;
        if (due >= deadline) break;
        if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      }
      const req = await options.next(i);
      const t0 = rate ? due : performance.now();
      try {
        const { status, length } = await send(agent, req, options.timeoutMs ?? 30_000);
        bytes += length;
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (!expected(status)) unexpected++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const durationMs = performance.now() - started;
  agent.destroy();
  return {
    name: options.name,
    connections: options.connections,
    ratePerSecond: rate,
    durationMs: Math.round(durationMs),
    requests: latencies.length + errors,
    requestsPerSecond: round1((latencies.length + errors) / (durationMs / 1000)),
    latencyMs: summarize(latencies),
    statuses,
    bytesPerAnswer: latencies.length ? Math.round(bytes / latencies.length) : 0,
    errors,
    unexpected,
  };
}

/** Mean, median, 90th and 99th percentile (nearest rank) and maximum of a list of milliseconds. */
export function summarize(values: readonly number[]): LoadResult['latencyMs'] {
  if (values.length === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { mean: round1(mean), p50: round1(at(0.5)), p90: round1(at(0.9)), p99: round1(at(0.99)), max: round1(sorted[sorted.length - 1]) };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** One request's whole answer as it came over the wire (not decompressed), for a yardstick to send the same bytes. */
export function fetchRaw(req: LoadRequest, timeoutMs = 30_000): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const r = request(req.url, { method: req.method, headers: req.headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error('timed out')));
    r.on('error', reject);
    r.end();
  });
}

function send(agent: Agent, req: LoadRequest, timeoutMs: number): Promise<{ status: number; length: number }> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const r = request(
      req.url,
      { method: req.method, agent, headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout: timeoutMs },
      (res) => {
        let length = 0;
        res.on('data', (chunk: Buffer) => (length += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, length }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('timed out')));
    r.on('error', reject);
    r.end(body);
  });
}
