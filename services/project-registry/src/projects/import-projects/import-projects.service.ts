import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, type ImportFormat, type ImportMode } from '@civic/contracts';
import { PROJECT_CSV_COLUMNS } from '@civic/catalogue';
import { ImportJobEntity, ImportJobRunner, ImportRow, ImportRowAdapter, ImportUpload, RowCheck, RowWrite, validateAs } from '@civic/imports';
import { DataSource, EntityManager } from 'typeorm';
import { ProjectEntity, ProjectInput } from '../project.entity';
import { ProjectStore } from '../project.store';
import { RegisterProjectDto } from '../register-project/register-project.dto';
import { csvColumnOf, projectCsvProblems, projectFromCsv } from './project-csv-row';

/**
 * Bulk import of projects: the row adapter of @civic/imports' job runner. Each row is checked exactly as
 * POST /projects checks a body, and written by the same writer, keyed by external key, so a re-import changes only
 * what changed.
 */
@Injectable()
export class ImportProjectsService implements ImportRowAdapter<ProjectInput>, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly columns = PROJECT_CSV_COLUMNS;
  private readonly runner: ImportJobRunner<ProjectInput>;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly writer: ProjectStore,
  ) {
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

  submit(upload: ImportUpload, mode: ImportMode): Promise<ImportJobEntity> {
    return this.runner.submit(upload, mode, {});
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

  async check(rows: ImportRow[], format: ImportFormat): Promise<RowCheck<ProjectInput>[]> {
    return Promise.all(
      rows.map(async (row): Promise<RowCheck<ProjectInput>> => {
        const plain = format === 'csv' ? projectFromCsv(row.values) : row.values;
        const { value, problems } = await validateAs(RegisterProjectDto, plain);
        if (problems.length === 0) problems.push(...ProjectEntity.ruleProblems(value));
        if (format === 'csv') {
          problems.push(...projectCsvProblems(row.values));
          for (const p of problems) p.field = csvColumnOf(p.field);
        }
        return problems.length ? { ok: false, problems } : { ok: true, value, key: value.externalKey };
      }),
    );
  }

  async write(m: EntityManager, values: ProjectInput[], format: ImportFormat): Promise<RowWrite[]> {
    const results = await this.writer.write(m, values, 'revise');
    return results.map((r) => {
      if (r.outcome === 'refused') return { problems: r.problems.map((p) => ({ ...p, field: format === 'csv' ? csvColumnOf(p.field) : p.field })) };
      if (r.outcome === 'exists') return 'unchanged';
      return r.outcome;
    });
  }
}
