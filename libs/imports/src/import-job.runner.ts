/**
 * Runs bulk imports in this process, one job at a time, in batches. What is service-specific (how a row is checked
 * and written) comes from the service's ImportRowAdapter: rows are checked with the same rules as the single-record
 * endpoints, and written by the service's writer, which appends each change's event to the outbox in the same
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { FieldProblem, ImportFormat, ImportMode, ImportRowError, ImportStatus } from '@civic/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ImportJobEntity } from './import-job.entity';
import { importPayloadOf, ImportRow, readImportRows } from './import-payload';

/** What writing one row did. */
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** A checked row: its value and external key, or the rules it breaks. */
export type RowCheck<T> = { ok: true; value: T; key: string } | { ok: false; problems: FieldProblem[] };

/** A written row's outcome, or the rules that stopped the write (e.g. a change to a withdrawn project). */
export type RowWrite = WriteOutcome | { problems: FieldProblem[] };

/**
 * The service-specific half of an import: which columns a file has, how a row becomes a checked value (the DTO of
 * the single-record endpoint) or the rules it breaks, and how checked values are written with their events.
 */
export interface ImportRowAdapter<T> {
  /** The CSV header the file must have. */
  readonly columns: readonly string[];
  /** The field that holds a row's external key, as the row's format names it. */
  keyField(format: ImportFormat): string;
  /** Checks a batch of rows (never writes); one result per row, in order. It may wait for what the rows depend on. */
  check(rows: ImportRow[], format: ImportFormat, options: Record<string, string>, job: ImportCheckContext): Promise<RowCheck<T>[]>;
  /** Writes checked rows in the caller's transaction, with their events; one result per row, in order. */
  write(manager: EntityManager, values: T[], format: ImportFormat): Promise<RowWrite[]>;
}

/** Which job a batch belongs to, and a signal that aborts when the process stops (the job then goes back to the queue). */
export interface ImportCheckContext {
  jobId: string;
  signal: AbortSignal;
}

/** An import request's body as Express delivered it: raw bytes for text/csv, the parsed object for JSON. */
export interface ImportUpload {
  contentType: string | undefined;
  body: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Errors kept per job; the counts stay exact beyond it. */
export const MAX_IMPORT_ERRORS = 1000;
/** A running job whose heartbeat is older than this was left by a process that died. */
const LEASE_SECONDS = 60;
/** How often a running job's heartbeat is refreshed, whatever it is doing (a long check or write included). */
const HEARTBEAT_MS = (LEASE_SECONDS * 1000) / 4;
const ATTEMPTS = 3;

interface Progress {
  checked: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportRowError[];
  errorsTruncated: boolean;
}

/** Thrown inside the all-or-nothing transaction to roll it back when the writer refuses a row. */
class RowsRefused extends Error {
  constructor(readonly progress: Progress) {
    super('rows refused');
  }
}

/** Stores import jobs in the service's `import_job` table and runs them with the service's row adapter. */
export class ImportJobRunner<T> {
  private readonly logger = new Logger('ImportJobRunner');
  private readonly queue: string[] = [];
  private busy = false;
  private draining: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly stopped = new AbortController();

  constructor(
    private readonly db: DataSource,
    private readonly adapter: ImportRowAdapter<T>,
    private readonly batchSize = 500,
  ) {}

  /**
   * Reads an upload and checks it as a whole (a 4xx DomainError for a body that is not UTF-8, not CSV, has the wrong
   * header or no `rows`: nothing is stored), then stores the job and starts it in the background.
   */
  async submit(upload: ImportUpload, mode: ImportMode, options: Record<string, string>): Promise<ImportJobEntity> {
    const payload = importPayloadOf(upload.contentType, upload.body);
    const total = readImportRows(payload, this.adapter.columns).length;
    const repo = this.db.getRepository(ImportJobEntity);
    const job = repo.create({
      id: randomUUID(),
      mode,
      format: payload.format,
      options,
      status: 'queued',
      total,
      ...emptyProgress(),
      message: null,
      payload: payload.text,
      startedAt: null,
      finishedAt: null,
      heartbeatAt: null,
    });
    await repo.insert(job);
    job.payload = null;
    this.enqueue(job.id);
    return job;
  }

  /** The job, without its payload; null for an unknown id (or one that is not a UUID). */
  async find(id: string): Promise<ImportJobEntity | null> {
    return UUID.test(id) ? this.db.getRepository(ImportJobEntity).findOneBy({ id }) : null;
  }

  /** Queues the jobs that a stopped or crashed process left behind. Re-running a job is safe: rows are keyed. */
  async resumeAbandoned(): Promise<void> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM import_job WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1))
       ORDER BY created_at`,
      [LEASE_SECONDS],
    );
    for (const { id } of rows) this.enqueue(id);
  }

  /** Finishes the batch in hand and hands the rest of the job back to the queue for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    await this.draining;
  }

  private enqueue(id: string): void {
    if (this.stopping) return;
    this.queue.push(id);
    if (this.busy) return;
    this.busy = true;
    this.draining = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.stopping) {
        const id = this.queue.shift()!;
        await this.runJob(id).catch((e) => this.logger.error({ err: e, jobId: id }, 'import job crashed'));
      }
    } finally {
      this.busy = false;
    }
  }

  private async runJob(id: string): Promise<void> {
    // Claim it, so two processes never run the same job; counts restart from zero.
    const [claimed] = (await this.db.query(
      `UPDATE import_job SET status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(),
         checked = 0, created = 0, updated = 0, unchanged = 0, rejected = 0, errors = '[]', errors_truncated = false
       WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $2)))
       RETURNING id`,
      [id, LEASE_SECONDS],
    )) as [unknown[], number];
    if (claimed.length === 0) return;
    const job = await this.db
      .getRepository(ImportJobEntity)
      .createQueryBuilder('j')
      .addSelect('j.payload')
      .where('j.id = :id', { id })
      .getOneOrFail();
    let rows: ImportRow[];
    try {
      rows = readImportRows({ format: job.format, text: job.payload ?? '' }, this.adapter.columns);
    } catch (e) {
      await this.fail(job.id, `the stored file cannot be read: ${(e as Error).message}`);
      return;
    }
    const started = Date.now();
    const heartbeat = setInterval(() => void this.beat(job.id), HEARTBEAT_MS);
    try {
      const done = job.mode === 'valid-rows' ? await this.runValidRows(job, rows) : await this.runAllOrNothing(job, rows);
      if (done) this.logger.log({ jobId: id, rows: rows.length, ms: Date.now() - started }, 'import job finished');
    } catch (e) {
      this.logger.error({ err: e, jobId: id }, 'import job failed');
      const kept = job.mode === 'valid-rows' ? '; the batches already written stay (re-running the file is safe)' : '; nothing was written';
      await this.fail(job.id, `the import stopped on an unexpected error${kept}`).catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Each batch is checked, then written with its events and the job's progress in one transaction. */
  private async runValidRows(job: ImportJobEntity, rows: ImportRow[]): Promise<boolean> {
    let progress = emptyProgress();
    const seen = new Map<string, number>();
    for (let from = 0; from < rows.length; from += this.batchSize) {
      if (this.stopping) return this.requeue(job.id);
      const batch = rows.slice(from, from + this.batchSize);
      const accepted = await this.checkBatch(batch, job, progress, seen);
      if (this.stopping) return this.requeue(job.id);
      progress = await this.withRetries(() =>
        this.db.transaction(async (m) => {
          const next = copyProgress(progress);
          await this.writeRows(m, accepted, next, job.format);
          await this.saveProgress(m, job.id, next);
          return next;
        }),
      );
    }
    const message = progress.rejected > 0 ? `${progress.rejected} of ${rows.length} rows break the rules and were skipped` : null;
    await this.finish(this.db.manager, job.id, 'completed', progress, message);
    return true;
  }

  /** Every row is checked first; only when all pass are they written, in one transaction. */
  private async runAllOrNothing(job: ImportJobEntity, rows: ImportRow[]): Promise<boolean> {
    const progress = emptyProgress();
    const seen = new Map<string, number>();
    const accepted: Accepted<T>[] = [];
    for (let from = 0; from < rows.length; from += this.batchSize) {
      if (this.stopping) return this.requeue(job.id);
      accepted.push(...(await this.checkBatch(rows.slice(from, from + this.batchSize), job, progress, seen)));
      if (this.stopping) return this.requeue(job.id);
      await this.saveProgress(this.db.manager, job.id, progress);
    }
    if (progress.rejected > 0) {
      await this.finish(this.db.manager, job.id, 'rejected', progress, rejectedMessage(progress.rejected, rows.length));
      return true;
    }
    try {
      await this.withRetries(() =>
        this.db.transaction(async (m) => {
          const next = copyProgress(progress);
          for (let from = 0; from < accepted.length; from += this.batchSize) {
            await this.writeRows(m, accepted.slice(from, from + this.batchSize), next, job.format);
          }
          if (next.rejected > 0) throw new RowsRefused(next);
          await this.finish(m, job.id, 'completed', next, null);
        }),
      );
    } catch (e) {
      if (!(e instanceof RowsRefused)) throw e;
      const refused = { ...e.progress, created: 0, updated: 0, unchanged: 0 };
      await this.finish(this.db.manager, job.id, 'rejected', refused, rejectedMessage(refused.rejected, rows.length));
    }
    return true;
  }

  private async checkBatch(batch: ImportRow[], job: ImportJobEntity, progress: Progress, seen: Map<string, number>): Promise<Accepted<T>[]> {
    const readable = batch.filter((r) => !r.problems);
    const checks = readable.length ? await this.adapter.check(readable, job.format, job.options, { jobId: job.id, signal: this.stopped.signal }) : [];
    const byRow = new Map(readable.map((r, k) => [r, checks[k]] as const));
    const accepted: Accepted<T>[] = [];
    for (const row of batch) {
      progress.checked++;
      const check = byRow.get(row);
      if (!check) {
        reject(progress, row.line, row.problems ?? []);
      } else if (!check.ok) {
        reject(progress, row.line, check.problems);
      } else if (seen.has(check.key)) {
        const field = this.adapter.keyField(job.format);
        reject(progress, row.line, [{ field, rule: 'uniqueInFile', message: `${check.key} is already on line ${seen.get(check.key)} of this file` }]);
      } else {
        seen.set(check.key, row.line);
        accepted.push({ line: row.line, value: check.value });
      }
    }
    return accepted;
  }

  private async writeRows(m: EntityManager, accepted: Accepted<T>[], progress: Progress, format: ImportFormat): Promise<void> {
    if (accepted.length === 0) return;
    const results = await this.adapter.write(m, accepted.map((a) => a.value), format);
    results.forEach((r, k) => {
      if (typeof r === 'string') progress[r]++;
      else reject(progress, accepted[k].line, r.problems);
    });
  }

  private async saveProgress(m: EntityManager, id: string, p: Progress): Promise<void> {
    await m.query(
      `UPDATE import_job SET checked = $2, created = $3, updated = $4, unchanged = $5, rejected = $6, errors = $7::jsonb,
         errors_truncated = $8, heartbeat_at = now() WHERE id = $1`,
      [id, p.checked, p.created, p.updated, p.unchanged, p.rejected, JSON.stringify(p.errors), p.errorsTruncated],
    );
  }

  private async finish(m: EntityManager, id: string, status: ImportStatus, p: Progress, message: string | null): Promise<void> {
    await this.saveProgress(m, id, p);
    await m.query(`UPDATE import_job SET status = $2, message = $3, finished_at = now(), payload = NULL WHERE id = $1`, [id, status, message]);
  }

  /** Marks the job failed, leaving its counts as the last committed batch left them. */
  private async fail(id: string, message: string): Promise<void> {
    await this.db.query(`UPDATE import_job SET status = 'failed', message = $2, finished_at = now(), payload = NULL WHERE id = $1`, [id, message]);
  }

  private async beat(id: string): Promise<void> {
    await this.db.query(`UPDATE import_job SET heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [id]).catch(() => undefined);
  }

  private async requeue(id: string): Promise<false> {
    await this.db.query(`UPDATE import_job SET status = 'queued', heartbeat_at = NULL WHERE id = $1`, [id]);
    return false;
  }

  /** Retries a transaction that lost a race (a concurrent insert of the same key) or hit a passing database error. */
  private async withRetries<R>(fn: () => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (e instanceof RowsRefused || attempt >= ATTEMPTS) throw e;
        this.logger.warn({ err: e, attempt }, 'import batch failed; retrying');
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }
}

interface Accepted<T> {
  line: number;
  value: T;
}

function emptyProgress(): Progress {
  return { checked: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], errorsTruncated: false };
}

function copyProgress(p: Progress): Progress {
  return { ...p, errors: [...p.errors] };
}

function reject(progress: Progress, line: number, problems: FieldProblem[]): void {
  progress.rejected++;
  for (const p of problems) {
    if (progress.errors.length >= MAX_IMPORT_ERRORS) {
      progress.errorsTruncated = true;
      return;
    }
    progress.errors.push({ line, field: p.field, rule: p.rule, message: p.message });
  }
}

function rejectedMessage(rejected: number, total: number): string {
  return `${rejected} of ${total} rows break the rules; nothing was imported (fix them, or import with mode=valid-rows)`;
}
