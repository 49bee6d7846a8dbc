/**
 * The import command line: uploads a projects / teachers / students file and follows the job.
 * node -r ./tools/register-paths.js dist/tools/import/import.js --service projects --file /tmp/season/projects.csv
 */
import { defaultUrl, ImportRefusedError, importFile, progressLine } from './import-client';
import { parseImportArgs, USAGE } from './import-args';
import { importToken } from './import-token';

export { importFile, ImportRefusedError, progressLine } from './import-client';
export type { ImportJob, ImportOptions, ImportService } from './import-client';
export { importSeason } from './import-season';
export type { ImportSeasonOptions, ImportSeasonResult } from './import-season';

/** Where the command writes (the process streams, or a buffer in tests). */
export interface ImportIo {
  out(line: string): void;
  err(line: string): void;
}

/** Errors printed at the end; the job keeps up to 1000. */
const SHOWN_ERRORS = 50;

/** Runs the command; resolves with the exit status. */
export async function runImport(argv: readonly string[], io: ImportIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseImportArgs(argv);
  if (!parsed.ok) {
    if ('help' in parsed) {
      io.out(USAGE);
      return 0;
    }
    io.err(`import: ${parsed.error}`);
    io.err(USAGE);
    return 2;
  }
  const { service, file, url, mode, quiet } = parsed.args;
  const auth = await importToken(parsed.args.token, env);
  if ('error' in auth) {
    io.err(`import: ${auth.error}`);
    return 2;
  }
  const started = Date.now();
  let job;
  try {
    job = await importFile({ service, file, url, mode, token: auth.token, onProgress: (j) => !quiet && io.out(progressLine(service, j)) });
  } catch (e) {
    if (isConnectionError(e)) {
      io.err(`import: cannot reach ${url ?? defaultUrl(service)} (${(e as { cause: { code: string } }).cause.code}): is the service running?`);
      return 3;
    }
    io.err(`import: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof ImportRefusedError ? 3 : 1;
  }
  for (const e of job.errors.slice(0, SHOWN_ERRORS)) io.err(`  line ${e.line}  ${e.field}  ${e.rule}: ${e.message}`);
  if (job.errors.length > SHOWN_ERRORS || job.errorsTruncated) io.err(`  ... ${job.counts.rejected} rejected rows in all; GET the job for the first 1000 errors`);
  const c = job.counts;
  io.out(
    `${service}: ${job.status} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${c.total} rows, ${c.created} created, ${c.updated} updated, ` +
      `${c.unchanged} unchanged, ${c.rejected} rejected (job ${job.id})`,
  );
  if (job.message) io.out(`${service}: ${job.message}`);
  if (job.status === 'failed') return 1;
  return job.status === 'rejected' ? 1 : 0;
}

function isConnectionError(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string } })?.cause;
  return e instanceof TypeError && ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EHOSTUNREACH'].includes(cause?.code ?? '');
}

if (require.main === module) {
  void runImport(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  }).then((code) => (process.exitCode = code));
}
