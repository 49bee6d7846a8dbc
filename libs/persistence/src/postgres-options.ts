import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface PostgresOptionsInput {
  url: string;
  /** Listed explicitly: TypeORM's glob loading does not understand the workspace's path aliases or bundles. */
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  /** Connection pool size. */
  poolSize?: number;
}

/** TypeORM options for a service's own database: schema only through migrations, run at start-up, never synchronize. */
export function postgresOptions(input: PostgresOptionsInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations: input.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { max: input.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  };
}
