import { Histogram, collectDefaultMetrics, register } from 'prom-client';

/** Process-wide Prometheus metrics of the HTTP layer; the messaging lib registers its own in the same registry. */
let defaultsStarted = false;

/** Starts the Node.js default metrics once per process. */
export function startDefaultMetrics(service: string): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export { register as metricsRegistry };
