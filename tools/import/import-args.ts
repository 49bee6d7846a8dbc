import { readCli } from '../cli/cli-args';
import { IMPORT_MODES, type ImportMode } from '@civic/contracts';
import { IMPORT_SERVICES, ImportService } from './import-client';

export const USAGE = `usage: import --service projects|teachers|students --file FILE [--url URL] [--mode all-or-nothing|valid-rows] [--token JWT] [--quiet]

Uploads FILE (.csv or .json {"rows": [...]}) to project-registry (projects) or expert-pool (teachers, students),
prints the job's progress and, at the end, the rejected rows with line, field and rule.
  --url    the service's base URL (default $CIVIC_REGISTRY_URL or http://127.0.0.1:3001 for projects,
           $CIVIC_EXPERT_POOL_URL or http://127.0.0.1:3002 for teachers and students)
  --mode   all-or-nothing (default): one bad row and nothing is imported; valid-rows: import the good rows
  --token  an administrator's bearer token (default $CIVIC_TOKEN; outside production, without either, a development
           admin token signed like \`npm run token -- --role admin\` does, from AUTH_HS256_SECRET, AUTH_ISSUER, AUTH_AUDIENCE)
Exit status: 0 done, 1 rows rejected in all-or-nothing mode or the job failed, 2 bad arguments, 3 upload refused or service unreachable.`;

export interface ImportArgs {
  service: ImportService;
  file: string;
  url?: string;
  mode: ImportMode;
  token?: string;
  quiet: boolean;
}

export type ParsedImportArgs = { ok: true; args: ImportArgs } | { ok: false; help: true } | { ok: false; error: string };

/** Parses the command line (without node and the script). */
export function parseImportArgs(argv: readonly string[]): ParsedImportArgs {
  const read = readCli(argv, { values: ['service', 'file', 'url', 'mode', 'token'], flags: ['quiet'] });
  if (!read.ok) return read;
  if (read.help) return { ok: false, help: true };
  const { values } = read;
  const quiet = read.flags.has('quiet');
  if (!values.service) return { ok: false, error: '--service is required' };
  if (!IMPORT_SERVICES.includes(values.service as ImportService)) return { ok: false, error: `--service must be one of ${IMPORT_SERVICES.join(', ')}` };
  if (!values.file) return { ok: false, error: '--file is required' };
  const mode = (values.mode ?? 'all-or-nothing') as ImportMode;
  if (!IMPORT_MODES.includes(mode)) return { ok: false, error: `--mode must be one of ${IMPORT_MODES.join(', ')}` };
  if (values.url !== undefined && !/^https?:\/\/\S+$/.test(values.url)) return { ok: false, error: '--url must be an http(s) URL' };
  if (values.token !== undefined && !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(values.token)) return { ok: false, error: '--token must be a JWT (three dot-separated base64url parts)' };
  return { ok: true, args: { service: values.service as ImportService, file: values.file, url: values.url, mode, token: values.token, quiet } };
}
