import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportFormat } from '@civic/contracts';
import { EXPERT_CSV_COLUMNS } from '@civic/catalogue';
import { ImportCheckContext, ImportJobs, ImportRow, RowCheck, RowWrite } from '@civic/imports';
import { SERVICE_CONFIG } from '@civic/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { ExpertPoolConfig } from '../../expert-pool.config';
import { ExpertChecks } from '../expert.checks';
import { ExpertInput } from '../expert.entity';
import { ExpertStore } from '../expert.store';
import { csvColumnOf, expertFromCsv } from './expert-csv-row';

/** However long projects keep arriving, a batch waits at most this long for the ones its preferences name. */
const MAX_PREFERENCES_WAIT_MS = 10 * 60_000;

/**
 * Bulk import of teachers and students: the row adapter of @civic/imports' job runner. Each row is checked exactly
 * as POST /experts checks a body, and written by the same writer, keyed by external key, so a re-import changes
 * only what changed. In a CSV, preferences name projects by the registry's external keys; in JSON rows, by registry
 * ids (as in POST /experts). Preferences naming projects expert-pool has not heard of yet are waited for, so a file
 * sent right after projects.csv imports the same as one sent a minute later.
 */
@Injectable()
export class ImportExpertsService extends ImportJobs<ExpertInput> {
  readonly columns = EXPERT_CSV_COLUMNS;
  /** The job that already waited in vain for a project: its later batches do not wait again. */
  private waitedInVain?: string;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly checks: ExpertChecks,
    private readonly writer: ExpertStore,
    @Inject(SERVICE_CONFIG) private readonly config: ExpertPoolConfig,
  ) {
    super(db);
  }

  async check(rows: ImportRow[], format: ImportFormat, options: Record<string, string>, job: ImportCheckContext): Promise<RowCheck<ExpertInput>[]> {
    const plains = rows.map((r) => (format === 'csv' ? expertFromCsv(r.values) : r.values));
    // Once a job has waited the full time for a project that never came (a wrong key), waiting again for each of its
    // batches would only repeat that.
    const wait =
      this.waitedInVain === job.jobId
        ? undefined
        : { idleMs: this.config.IMPORT_PREFERENCES_WAIT_MS, maxMs: MAX_PREFERENCES_WAIT_MS, signal: job.signal };
    const checked = await this.checks.check(plains, format === 'csv' ? 'externalKey' : 'id', wait);
    if (wait && !job.signal.aborted && checked.some((c) => c.problems.some((p) => p.rule === 'knownProject'))) this.waitedInVain = job.jobId;
    return checked.map(({ value, problems }, k): RowCheck<ExpertInput> => {
      if (options.kind && plains[k].kind !== options.kind) {
        problems.push({ field: 'kind', rule: 'matchesImport', message: `this import holds ${options.kind}s only` });
      }
      if (format === 'csv') for (const p of problems) p.field = csvColumnOf(p.field);
      return problems.length ? { ok: false, problems } : { ok: true, value, key: value.externalKey };
    });
  }

  async write(m: EntityManager, values: ExpertInput[], format: ImportFormat): Promise<RowWrite[]> {
    return this.rowWrites(await this.writer.write(m, values, 'revise'), format, csvColumnOf);
  }
}
