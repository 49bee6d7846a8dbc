import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, type FieldProblem, type ImportFormat, type ImportMode } from '@civic/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { ImportJobEntity } from './import-job.entity';
import type { ImportRow } from './import-payload';
import { ImportCheckContext, ImportJobRunner, ImportRowAdapter, ImportUpload, RowCheck, RowWrite, WriteOutcome } from './import-job.runner';

/** What a master-data store's write did with one input (the registries' stores answer this shape). */
export type StoreWrite = { outcome: WriteOutcome | 'exists' } | { outcome: 'refused'; problems: FieldProblem[] };

/**
 * A service's import use case, all but its rows: the job runner (resumed when the service starts, stopped before it
 * shuts down), jobs by id and the store's answers as row outcomes. The service's import extends it with its columns,
 * its checks and its writes.
 */
export abstract class ImportJobs<T> implements ImportRowAdapter<T>, OnApplicationBootstrap, BeforeApplicationShutdown {
  abstract readonly columns: readonly string[];
  private readonly runner: ImportJobRunner<T>;

  constructor(db: DataSource) {
    this.runner = new ImportJobRunner(db, this);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runner.resumeAbandoned();
  }

  // Before, not on, application shutdown: the database connection closes in the shutdown phase, and the batch in
  // hand must still commit and hand the rest of the job back to the queue.
  beforeApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }

  submit(upload: ImportUpload, mode: ImportMode, options: Record<string, string> = {}): Promise<ImportJobEntity> {
    return this.runner.submit(upload, mode, options);
  }

  /** An import job by id; not_found when there is none. */
  async get(id: string): Promise<ImportJobEntity> {
    const job = await this.runner.find(id);
    if (!job) throw DomainError.notFound('import', id);
    return job;
  }

  keyField(format: ImportFormat): string {
    return format === 'csv' ? 'external_key' : 'externalKey';
  }

  abstract check(rows: ImportRow[], format: ImportFormat, options: Record<string, string>, job: ImportCheckContext): Promise<RowCheck<T>[]>;

  abstract write(manager: EntityManager, values: T[], format: ImportFormat): Promise<RowWrite[]>;

  /**
   * A store's answers as row outcomes. An import revises, so a key already there is unchanged; a refusal keeps its
   * problems, their fields named as the file names them (`columnOf` for CSV).
   */
  protected rowWrites(results: readonly StoreWrite[], format: ImportFormat, columnOf: (field: string) => string): RowWrite[] {
    return results.map((r) => {
      if (r.outcome === 'refused') return { problems: r.problems.map((p) => ({ ...p, field: format === 'csv' ? columnOf(p.field) : p.field })) };
      if (r.outcome === 'exists') return 'unchanged';
      return r.outcome;
    });
  }
}
