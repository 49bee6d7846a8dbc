/** The import job as the HTTP API shows it, and the query every import accepts. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IMPORT_MODES, IMPORT_STATUSES, type ImportCounts, type ImportFormat, type ImportJobView as ImportJobViewContract, type ImportMode, type ImportRowError, type ImportStatus } from '@civic/contracts';
import type { ImportJobEntity } from './import-job.entity';

/** The query every import endpoint accepts (a service may extend it, e.g. with the kind of rows the file holds). */
export class ImportModeQueryDto {
  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'all-or-nothing',
    description: 'all-or-nothing: one bad row and nothing is written; valid-rows: good rows are written, bad ones reported',
  })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}

/** One broken rule on one row, as GET .../imports/{id} shows it. */
export class ImportRowErrorView implements ImportRowError {
  @ApiProperty({ example: 7, description: 'CSV line the record starts on (the header is line 1), or the 1-based position in rows for JSON' })
  line!: number;

  @ApiProperty({ example: 'district_id', description: 'CSV column, or field path for JSON rows' })
  field!: string;

  @ApiProperty({ example: 'isIn' })
  rule!: string;

  @ApiProperty({ example: 'districtId must be one of the 16 Shanghai districts' })
  message!: string;
}

/** How many rows a job has checked and what writing them did. */
export class ImportCountsView implements ImportCounts {
  @ApiProperty({ example: 175, description: 'rows in the file' })
  total!: number;

  @ApiProperty({ example: 175, description: 'rows checked so far' })
  checked!: number;

  @ApiProperty({ example: 175, description: 'rows written: created + updated' })
  imported!: number;

  @ApiProperty({ example: 175 })
  created!: number;

  @ApiProperty({ example: 0 })
  updated!: number;

  @ApiProperty({ example: 0, description: 'rows identical to what is stored: no write, no event' })
  unchanged!: number;

  @ApiProperty({ example: 0 })
  rejected!: number;
}

/** An import job as the HTTP API returns it (the contract's ImportJobView, described for OpenAPI). */
export class ImportJobView implements ImportJobViewContract {
  @ApiProperty({ example: '0b6f3c1e-8d1e-4f9a-9a53-2f4f1d6c2b10' })
  id!: string;

  @ApiProperty({ enum: IMPORT_STATUSES, example: 'completed' })
  status!: ImportStatus;

  @ApiProperty({ enum: IMPORT_MODES, example: 'all-or-nothing' })
  mode!: ImportMode;

  @ApiProperty({ enum: ['csv', 'json'], example: 'csv' })
  format!: ImportFormat;

  @ApiProperty({ example: {}, description: 'options given in the query string' })
  options!: Record<string, string>;

  @ApiProperty({ type: ImportCountsView })
  counts!: ImportCountsView;

  @ApiProperty({ type: [ImportRowErrorView], description: 'one entry per broken rule, at most 1000' })
  errors!: ImportRowErrorView[];

  @ApiProperty({ example: false })
  errorsTruncated!: boolean;

  @ApiProperty({ type: String, nullable: true, example: null })
  message!: string | null;

  @ApiProperty({ example: '2025-11-26T09:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  finishedAt!: string | null;
}

/** The API view of a job. */
export function toImportJobView(job: ImportJobEntity): ImportJobViewContract {
  return {
    id: job.id,
    status: job.status,
    mode: job.mode,
    format: job.format,
    options: job.options,
    counts: {
      total: job.total,
      checked: job.checked,
      imported: job.created + job.updated,
      created: job.created,
      updated: job.updated,
      unchanged: job.unchanged,
      rejected: job.rejected,
    },
    errors: job.errors,
    errorsTruncated: job.errorsTruncated,
    message: job.message,
    createdAt: iso(job.createdAt)!,
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}

function iso(d: Date | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}
