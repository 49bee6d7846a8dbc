import { ImportJobTableMigration } from '@civic/imports';

/** Bulk import jobs (the table @civic/imports defines), under the name migrated databases already record. */
export class ImportJobs1764100000204 extends ImportJobTableMigration {
  name = 'ImportJobs1764100000204';
}
