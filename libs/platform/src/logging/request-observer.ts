import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { httpRequestDuration } from '../metrics/metrics';

/** Asked every few seconds by probes and Prometheus: no access-log line for them (their latency is still recorded). */
const UNLOGGED_URLS = new Set(['/health', '/metrics']);

/**
 * The access log and the latency histogram from one listener per request: when the answer is done (or the client
 * went away), one log line (method, URL, status, milliseconds; `request aborted` when no answer was completed) and
 * the latency under the route's pattern (not the raw URL, which would explode the metric's cardinality).
 */
export function requestObserver(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const url = req.originalUrl ?? req.url;
    res.once('close', () => {
      const ms = performance.now() - started;
      const answered = res.writableFinished;
      if (answered) {
        const route = (req.route?.path as string | undefined) ?? 'unmatched';
        httpRequestDuration.observe({ method: req.method, route: `${req.baseUrl ?? ''}${route}`, status: String(res.statusCode) }, ms / 1000);
      }
      if (!logger.isLevelEnabled('info') || UNLOGGED_URLS.has(url)) return;
      const line = { req: { method: req.method, url }, res: { statusCode: res.statusCode }, responseTime: Math.round(ms) };
      logger.info(line, !answered ? 'request aborted' : res.statusCode >= 500 ? 'request errored' : 'request completed');
    });
    next();
  };
}
