import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportFormat } from '@civic/contracts';
import { PROJECT_CSV_COLUMNS } from '@civic/catalogue';
import { ImportJobs, ImportRow, RowCheck, RowWrite, validateAs } from '@civic/imports';
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
export class ImportProjectsService extends ImportJobs<ProjectInput> {
  readonly columns = PROJECT_CSV_COLUMNS;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly writer: ProjectStore,
  ) {
    super(db);
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
    return this.rowWrites(await this.writer.write(m, values, 'revise'), format, csvColumnOf);
  }
}
