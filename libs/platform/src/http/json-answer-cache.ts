import { Logger, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { ChangeCache, CommitNotices } from '@civic/persistence';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { DataSource } from 'typeorm';
import { Counter } from 'prom-client';
import type { BaseServiceConfig } from '../config/service-config';
import { metricsRegistry } from '../metrics/metrics';
import { SERVICE_CONFIG } from '../bootstrap/service-config.token';

/** A read's answer as sent: its JSON as UTF-8 bytes, a strong ETag of them, and (made on first demand) their gzip. */
export class JsonAnswer {
  readonly etag: string;
  private gzipped: Promise<Buffer> | undefined;

  constructor(readonly body: Buffer) {
    this.etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  }

  /** Serialises an answer once. */
  static of(value: unknown): JsonAnswer {
    return new JsonAnswer(Buffer.from(JSON.stringify(value), 'utf8'));
  }

  /** The body gzipped, once, off the event loop (zlib's thread pool). */
  gzip(): Promise<Buffer> {
    this.gzipped ??= promisify(gzip)(this.body);
    return this.gzipped;
  }
}

const answerCacheRequests =
  (metricsRegistry.getSingleMetric('answer_cache_requests_total') as Counter<'cache' | 'answer'> | undefined) ??
  new Counter({
    name: 'answer_cache_requests_total',
    help: 'Cached reads by how they were answered: hit, stored (read and kept), stale (read while a change came in), unlistened (no LISTEN connection)',
    labelNames: ['cache', 'answer'] as const,
  });

/** Bodies smaller than this go out as they are: gzip would save little and cost a round trip through the pool. */
const GZIP_MIN_BYTES = 1024;

/**
 * Sends a JSON answer, gzipped when the client accepts it and the body is not small. Express answers 304 itself
 * when the request's If-None-Match names the ETag, and keeps the ETag set here rather than hashing the body again.
 */
export async function sendJsonAnswer(req: Request, res: Response, answer: JsonAnswer): Promise<void> {
  res.type('application/json; charset=utf-8');
  if (answer.body.length < GZIP_MIN_BYTES) {
    res.setHeader('ETag', answer.etag);
    res.send(answer.body);
    return;
  }
  res.vary('Accept-Encoding');
  // No gzip in Accept-Encoding (most API clients send none): the negotiation could only say identity.
  if (!/gzip/i.test(req.headers['accept-encoding'] ?? '') || req.acceptsEncodings('gzip', 'identity') !== 'gzip') {
    res.setHeader('ETag', answer.etag);
    res.send(answer.body);
    return;
  }
  const body = await answer.gzip();
  // Another representation: another strong ETag.
  res.setHeader('ETag', `${answer.etag.slice(0, -1)}-gzip"`);
  res.setHeader('Content-Encoding', 'gzip');
  res.send(body);
}

/**
 * The JSON answers of reads over some tables, served again until a committed write to them (ChangeCache, with
 * CommitNotices announcing the writes). The access guard still runs for every request: only the read's own queries
 * and serialisation are saved.
 */
export class JsonAnswerCache extends ChangeCache<JsonAnswer> implements OnModuleInit, OnApplicationShutdown {
  onModuleInit(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** The answer for `key`, computed by `read` when something changed since it was last computed. */
  answer(key: string, read: () => Promise<unknown>): Promise<JsonAnswer> {
    return this.get(key, async () => JsonAnswer.of(await read()));
  }

  /**
   * A provider of one cache for the service's database, over `tables`: each write to them that a process commits
   * through TypeORM clears this process's cache at once and announces itself on `channel` to the others.
   */
  static provider(token: string | symbol, channel: string, tables: readonly string[], maxEntries: number): Provider {
    const logger = new Logger('JsonAnswerCache');
    return {
      provide: token,
      inject: [SERVICE_CONFIG, DataSource],
      useFactory: (config: BaseServiceConfig, db: DataSource) => {
        const cache = new JsonAnswerCache({
          databaseUrl: config.DATABASE_URL,
          channel,
          maxEntries,
          onError: (m) => logger.warn(m),
          onAnswer: (how) => answerCacheRequests.inc({ cache: channel, answer: how }),
        });
        CommitNotices.of(db).watch(tables, channel, () => cache.invalidate());
        return cache;
      },
    };
  }
}
