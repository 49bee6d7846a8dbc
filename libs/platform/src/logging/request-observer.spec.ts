import express from 'express';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { currentCorrelationId, withCorrelationId } from '@civic/messaging';
import { metricsRegistry } from '../metrics/metrics';
import { requestObserver } from './request-observer';

describe('requestObserver', () => {
  it('writes one access-log line per answered request (none for /health), under the request\'s correlation id, and records its latency under the route pattern', async () => {
    const lines: any[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
    const app = express();
    // As configureHttp does: the correlation scope first, so that the line written when the answer closes carries it.
    app.use((req, _res, next) => withCorrelationId(req.header('x-correlation-id'), () => next()));
    app.use(requestObserver(pino({ level: 'info', mixin: () => ({ correlationId: currentCorrelationId() }) }, sink)));
    app.get('/rounds/:id', (_req, res) => void res.status(201).json({ ok: true }));
    app.get('/health', (_req, res) => void res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${url}/rounds/r-1?x=1`, { headers: { 'x-correlation-id': 'corr-42' } })).text();
      await (await fetch(`${url}/health`)).text();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(lines).toEqual([expect.objectContaining({ msg: 'request completed', correlationId: 'corr-42', req: { method: 'GET', url: '/rounds/r-1?x=1' }, res: { statusCode: 201 }, responseTime: expect.any(Number) })]);
    const metrics = await metricsRegistry.getSingleMetricAsString('http_request_duration_seconds');
    expect(metrics).toContain('http_request_duration_seconds_count{method="GET",route="/rounds/:id",status="201"} 1');
    expect(metrics).toContain('http_request_duration_seconds_count{method="GET",route="/health",status="200"} 1');
  });
});
