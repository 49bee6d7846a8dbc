export * from './postgres-options';
export * from './ensure-database';
export * from './change-cache';
export * from './commit-notices';
