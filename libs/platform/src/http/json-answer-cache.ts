import { Logger, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { ChangeCache } from '@civic/persistence';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { BaseServiceConfig } from '../config/service-config';
import { SERVICE_CONFIG } from '../bootstrap/service-config.token';

/** A read's answer as sent: its JSON text and a strong ETag of it. */
export interface JsonAnswer {
  json: string;
  etag: string;
}

/** Serialises an answer once, with its ETag. */
export function jsonAnswer(value: unknown): JsonAnswer {
  const json = JSON.stringify(value);
  return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
}

/** Sends a JSON answer; a request whose If-None-Match names its ETag gets 304 with no body (Express's freshness check). */
export function sendJsonAnswer(res: Response, answer: JsonAnswer): void {
  res.setHeader('ETag', answer.etag);
  res.type('application/json; charset=utf-8');
  // Express answers 304 itself when the request is fresh, and keeps the ETag set here rather than hashing again.
  res.send(answer.json);
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
    return this.get(key, async () => jsonAnswer(await read()));
  }

  /** A provider of one cache for the service's database. */
  static provider(token: string | symbol, channel: string, maxEntries: number): Provider {
    const logger = new Logger('JsonAnswerCache');
    return {
      provide: token,
      inject: [SERVICE_CONFIG],
      useFactory: (config: BaseServiceConfig) => new JsonAnswerCache({ databaseUrl: config.DATABASE_URL, channel, maxEntries, onError: (m) => logger.warn(m) }),
    };
  }
}
