import type { FieldProblem } from '../errors/domain-error';

/** all-or-nothing: any bad row and nothing is written; valid-rows: good rows are written, bad ones reported. */
export const IMPORT_MODES = ['all-or-nothing', 'valid-rows'] as const;
/** One of IMPORT_MODES. */
export type ImportMode = (typeof IMPORT_MODES)[number];

/** queued → running → completed | rejected (all-or-nothing with bad rows: nothing written) | failed (unexpected error). */
export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'rejected', 'failed'] as const;
/** One of IMPORT_STATUSES. */
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What an import file holds: CSV, or JSON rows of the same fields. */
export type ImportFormat = 'csv' | 'json';

/** One broken rule on one row of an import file. */
export interface ImportRowError extends FieldProblem {
  /** The CSV line the record starts on (the header is line 1), or the 1-based position in JSON rows. */
  line: number;
}

/** How many rows a job has checked and what writing them did. */
export interface ImportCounts {
  /** Rows in the file. */
  total: number;
  /** Rows checked so far. */
  checked: number;
  /** Rows written: created + updated. */
  imported: number;
  created: number;
  updated: number;
  /** Rows identical to what is stored: no write, no event. */
  unchanged: number;
  rejected: number;
}

/** An import job as the registries answer it (POST and GET /projects/imports, /experts/imports). */
export interface ImportJobView {
  id: string;
  status: ImportStatus;
  mode: ImportMode;
  format: ImportFormat;
  /** Options given in the query string (e.g. the expert kind the file must hold). */
  options: Record<string, string>;
  counts: ImportCounts;
  /** One entry per broken rule, at most 1000. */
  errors: ImportRowError[];
  errorsTruncated: boolean;
  message: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
