import express, { type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { precomputed } from './http-hardening';

/** The headers a real Express app with `middleware` in front answers GET / with (the per-answer ones left out). */
async function headersOf(middleware: (req: Request, res: Response, next: NextFunction) => void): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => void res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const headers = Object.fromEntries(res.headers);
    for (const perAnswer of ['date', 'etag', 'content-length', 'connection', 'keep-alive']) delete headers[perAnswer];
    return headers;
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe('precomputed', () => {
  const options = { contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } };

  it("sets on a real answer exactly the headers helmet's middlewares set, and removes X-Powered-By as helmet does", async () => {
    const api = precomputed(helmet(options));
    const replayed = await headersOf((_req, res, next) => api(res, next));
    expect(replayed).toEqual(await headersOf(helmet(options)));
    expect(replayed['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(replayed['x-powered-by']).toBeUndefined();
  });

  it('refuses a middleware that does not answer at once (its headers could depend on the request)', () => {
    expect(() => precomputed((_req, _res, next) => void setImmediate(next))).toThrow(/cannot be precomputed/);
  });
});
