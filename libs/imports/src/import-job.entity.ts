import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { FieldProblem } from '@civic/platform';
import type { ImportFormat } from './import-payload';

/** all-or-nothing: any bad row and nothing is written; valid-rows: good rows are written, bad ones reported. */
export const IMPORT_MODES = ['all-or-nothing', 'valid-rows'] as const;
/** One of IMPORT_MODES. */
export type ImportMode = (typeof IMPORT_MODES)[number];

/** queued → running → completed | rejected (all-or-nothing with bad rows: nothing written) | failed (unexpected error). */
export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'rejected', 'failed'] as const;
/** One of IMPORT_STATUSES. */
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One broken rule on one row of an import file. */
export interface ImportRowError extends FieldProblem {
  line: number;
}

/**
 * A bulk import and its progress, in the importing service's own `import_job` table (created by
 * ImportJobTableMigration).
 */
@Entity('import_job')
export class ImportJobEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  mode!: ImportMode;

  @Column('text')
  format!: ImportFormat;

  /** Per-service options from the query string (e.g. the expert kind the file must hold). */
  @Column('jsonb')
  options!: Record<string, string>;

  @Column('text')
  status!: ImportStatus;

  @Column('int')
  total!: number;

  @Column('int')
  checked!: number;

  @Column('int')
  created!: number;

  @Column('int')
  updated!: number;

  @Column('int')
  unchanged!: number;

  @Column('int')
  rejected!: number;

  @Column('jsonb')
  errors!: ImportRowError[];

  @Column('boolean', { name: 'errors_truncated' })
  errorsTruncated!: boolean;

  /** Why the job was rejected or failed, in a sentence. */
  @Column('text', { nullable: true })
  message!: string | null;

  /** The uploaded text, kept until the job ends so another process can resume it. */
  @Column('text', { nullable: true, select: false })
  payload!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  /** Refreshed after every batch; a running job whose heartbeat is old was left by a dead process. */
  @Column('timestamptz', { name: 'heartbeat_at', nullable: true })
  heartbeatAt!: Date | null;
}
