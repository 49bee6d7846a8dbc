/**
 * Seeds a generated season through the registries' import endpoints: projects.csv into project-registry, then
 * (once expert-pool has heard of every project through Kafka, since expert preferences name projects)
 * teachers.csv and students.csv into expert-pool. Re-running it changes nothing.
 */
import { seasonCsvFiles, type Season, type SeasonCsvFileName } from '@civic/catalogue';
import { ImportJob, importFile, ImportMode, ImportService } from './import-client';

export interface ImportSeasonOptions {
  registryUrl: string;
  expertPoolUrl: string;
  mode?: ImportMode;
  /** Called on every change of a job's status or counts. */
  onProgress?: (service: ImportService, job: ImportJob) => void;
  /** How long to wait for expert-pool to learn of the projects. */
  waitTimeoutMs?: number;
}

export interface ImportSeasonResult {
  projects: ImportJob;
  teachers: ImportJob;
  students: ImportJob;
  ms: number;
}

const FILE_OF: Record<ImportService, SeasonCsvFileName> = { projects: 'projects.csv', teachers: 'teachers.csv', students: 'students.csv' };

/** Imports the season's three files in order; throws when a file is refused, rejected or fails. */
export async function importSeason(season: Season, options: ImportSeasonOptions): Promise<ImportSeasonResult> {
  const started = Date.now();
  const files = seasonCsvFiles(season);
  const run = async (service: ImportService): Promise<ImportJob> => {
    const job = await importFile({
      service,
      url: service === 'projects' ? options.registryUrl : options.expertPoolUrl,
      body: { contentType: 'text/csv', data: files[FILE_OF[service]] },
      mode: options.mode,
      onProgress: (j) => options.onProgress?.(service, j),
    });
    if (job.status !== 'completed') {
      const first = job.errors.slice(0, 5).map((e) => `line ${e.line} ${e.field} ${e.rule}: ${e.message}`);
      throw new Error(`${FILE_OF[service]} import ${job.status}: ${job.message ?? ''}${first.length ? `\n  ${first.join('\n  ')}` : ''}`);
    }
    return job;
  };
  const projects = await run('projects');
  await waitForKnownProjects(options.registryUrl, options.expertPoolUrl, options.waitTimeoutMs ?? 120_000);
  const teachers = await run('teachers');
  const students = await run('students');
  return { projects, teachers, students, ms: Date.now() - started };
}

/** Resolves once expert-pool's copy of the projects is as large as the registry (events travel through Kafka). */
export async function waitForKnownProjects(registryUrl: string, expertPoolUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const registry = (await (await fetch(`${registryUrl.replace(/\/$/, '')}/projects?pageSize=1`)).json()) as { total: number };
    const known = (await (await fetch(`${expertPoolUrl.replace(/\/$/, '')}/known-projects/summary`)).json()) as { active: number; withdrawn: number };
    if (known.active + known.withdrawn >= registry.total) return;
    if (Date.now() > deadline) {
      throw new Error(`expert-pool knows ${known.active + known.withdrawn} of the registry's ${registry.total} projects after ${timeoutMs} ms: is Kafka up?`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
