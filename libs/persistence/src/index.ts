export * from './postgres-options';
export * from './ensure-database';
