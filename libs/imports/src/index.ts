/** @civic/imports: bulk import of CSV or JSON files as background jobs, shared by the services that own master data. */
export * from './csv';
export * from './csv-cells';
export * from './import-payload';
export * from './import-job.entity';
export * from './import-job.runner';
export * from './import-jobs';
export * from './import-job.view';
export * from './validate-row';
export * from './migrations/import-job-table';
