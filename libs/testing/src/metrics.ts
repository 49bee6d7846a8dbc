import { requestJson } from './http';

/** The sum of a Prometheus counter's or gauge's samples whose labels include `labels`; 0 when the service has none. */
export async function metric(serviceUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  return sumSamples(await scrapeMetrics(serviceUrl), name, labels);
}

/** A service's `/metrics` text (with the harness's admin token). */
export async function scrapeMetrics(serviceUrl: string): Promise<string> {
  const res = await requestJson<string>('GET', `${serviceUrl}/metrics`);
  if (res.status !== 200) throw new Error(`${serviceUrl}/metrics answered ${res.status}`);
  return String(res.body);
}

/** Sums the samples of `name` in a Prometheus text exposition whose labels include `labels`. */
export function sumSamples(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) sum += Number(m[4]);
  }
  return sum;
}
