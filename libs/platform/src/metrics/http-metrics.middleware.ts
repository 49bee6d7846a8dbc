import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from './metrics';

/** Records each request's latency under its route pattern (not the raw URL, which would explode cardinality). */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  res.on('finish', () => {
    const route = (req.route?.path as string | undefined) ?? 'unmatched';
    end({ method: req.method, route: `${req.baseUrl ?? ''}${route}`, status: String(res.statusCode) });
  });
  next();
}
