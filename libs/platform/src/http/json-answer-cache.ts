import { Logger, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { ChangeCache } from '@civic/persistence';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { changedRows } from '@civic/auth';
import { DataSource, type AfterQueryEvent, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
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
  if (req.acceptsEncodings('gzip', 'identity') !== 'gzip') {
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
 * The JSON answers of reads over tables that notify `channel` on change (notifyOnChangeSql in the service's
 * migrations), served again until the next committed change (ChangeCache: exact, no time to live). The access
 * guard still runs for every request: only the read's own queries and serialisation are saved.
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
   * A provider of one cache for the service's database. A write to one of `tables` that this process commits
   * through TypeORM clears it at once (read-your-writes without waiting for the notification); other processes'
   * writes clear it by NOTIFY.
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
        db.subscribers.push(new LocalWrites(tables, () => cache.invalidate()));
        return cache;
      },
    };
  }
}

/**
 * Calls `changed` when a write naming one of `tables` commits: after the outermost commit of its transaction, or at
 * once outside a transaction. Only the query's text is looked at; a write it cannot see (a trigger's) is still
 * announced by NOTIFY, a moment later.
 */
class LocalWrites implements EntitySubscriberInterface {
  private readonly names: RegExp;
  private readonly dirty = new WeakSet<QueryRunner>();

  constructor(
    tables: readonly string[],
    private readonly changed: () => void,
  ) {
    this.names = new RegExp(`\\b(${tables.join('|')})\\b`, 'i');
  }

  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (!event.success || !changedRows(event.rawResults) || !this.names.test(event.query)) return;
    if (event.queryRunner.isTransactionActive) this.dirty.add(event.queryRunner);
    else this.changed();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (depthOf(event.queryRunner) > 0 || !this.dirty.has(event.queryRunner)) return;
    this.dirty.delete(event.queryRunner);
    this.changed();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (depthOf(event.queryRunner) === 0) this.dirty.delete(event.queryRunner);
  }
}

function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 0;
}
