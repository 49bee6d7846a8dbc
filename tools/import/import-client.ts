/**
 * Uploads an import file to project-registry or expert-pool and follows its job until it ends. Used by the
 * `import` command line and by `npm start` (through importSeason).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ImportJobView, ImportMode } from '@civic/contracts';

/** Which registry and which file kind: projects.csv, teachers.csv or students.csv (or JSON rows of the same). */
export type ImportService = 'projects' | 'teachers' | 'students';
export const IMPORT_SERVICES: readonly ImportService[] = ['projects', 'teachers', 'students'];

/** The job as GET /{projects|experts}/imports/{id} returns it. */
export type ImportJob = ImportJobView;

export interface ImportOptions {
  service: ImportService;
  /** Base URL of the service; defaults to the local one (3001 for projects, 3002 for experts). */
  url?: string;
  /** A .csv or .json file to upload ... */
  file?: string;
  /** ... or the body itself. */
  body?: { contentType: 'text/csv' | 'application/json'; data: string | Buffer };
  mode?: ImportMode;
  /** Bearer token sent with every request (an administrator's; see tools/import/import-token.ts). */
  token?: string;
  /** Called with the job whenever its status or counts change. */
  onProgress?: (job: ImportJob) => void;
  pollMs?: number;
  timeoutMs?: number;
}

/** The service refused the upload as a whole (4xx/5xx before any job existed): bad header, not UTF-8, too large... */
export class ImportRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const error = (body as { error?: { message?: string; details?: { field: string; message: string }[] } })?.error;
    const details = error?.details?.map((d) => `${d.field}: ${d.message}`).join('; ');
    super(`upload refused with ${status}: ${error?.message ?? JSON.stringify(body)}${details ? ` (${details})` : ''}`);
    this.name = 'ImportRefusedError';
  }
}

/** The default base URL of the service that imports this kind of file (environment first). */
export function defaultUrl(service: ImportService): string {
  return service === 'projects'
    ? (process.env.CIVIC_REGISTRY_URL ?? 'http://127.0.0.1:3001')
    : (process.env.CIVIC_EXPERT_POOL_URL ?? 'http://127.0.0.1:3002');
}

/** Uploads, then polls until the job is completed, rejected or failed; resolves with the final job. */
export async function importFile(options: ImportOptions): Promise<ImportJob> {
  const base = (options.url ?? defaultUrl(options.service)).replace(/\/$/, '');
  const body = options.body ?? (await readBody(options.file));
  const path = options.service === 'projects' ? 'projects/imports' : 'experts/imports';
  const query = new URLSearchParams({ mode: options.mode ?? 'all-or-nothing' });
  if (options.service !== 'projects') query.set('kind', options.service === 'teachers' ? 'teacher' : 'student');

  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const res = await fetch(`${base}/${path}?${query}`, {
    method: 'POST',
    headers: { 'content-type': body.contentType, ...auth },
    body: typeof body.data === 'string' ? body.data : new Uint8Array(body.data),
  });
  const submitted = await res.json().catch(() => undefined);
  if (res.status !== 202) throw new ImportRefusedError(res.status, submitted);

  let job = submitted as ImportJob;
  let last = '';
  const report = (j: ImportJob): void => {
    const key = `${j.status} ${JSON.stringify(j.counts)}`;
    if (key !== last) options.onProgress?.(j);
    last = key;
  };
  report(job);
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  while (job.status === 'queued' || job.status === 'running') {
    if (Date.now() > deadline) throw new Error(`import ${job.id} did not finish in time (last status ${job.status})`);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
    const poll = await fetch(`${base}/${path}/${job.id}`, { headers: auth });
    if (poll.status !== 200) throw new Error(`GET ${path}/${job.id} answered ${poll.status}`);
    job = (await poll.json()) as ImportJob;
    report(job);
  }
  return job;
}

async function readBody(file: string | undefined): Promise<{ contentType: 'text/csv' | 'application/json'; data: Buffer }> {
  if (!file) throw new Error('importFile needs a file or a body');
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') throw new Error(`${file}: only .csv and .json files can be imported`);
  return { contentType: ext === '.csv' ? 'text/csv' : 'application/json', data: await readFile(file) };
}

/** One line of progress: "teachers: running  checked 500/541  imported 480  unchanged 0  rejected 0". */
export function progressLine(label: string, job: ImportJob): string {
  const c = job.counts;
  return `${label}: ${job.status.padEnd(9)} checked ${c.checked}/${c.total}  imported ${c.imported} (created ${c.created}, updated ${c.updated})  unchanged ${c.unchanged}  rejected ${c.rejected}`;
}
