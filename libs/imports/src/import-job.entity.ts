import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ImportFormat, ImportMode, ImportRowError, ImportStatus } from '@civic/contracts';

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
