/**
 * Seeds a generated season through the registries' import endpoints: projects.csv into project-registry, then
 * teachers.csv and students.csv into expert-pool. Expert preferences name projects, which expert-pool learns of
 * through Kafka; its import job waits for the ones it has not heard of yet, so nothing needs to wait here.
 * Last, each university gets the season's coordinator (who hears of its proposals by email). Re-running it changes
 * nothing.
 */
import { seasonCoordinators, seasonCsvFiles, type Season, type SeasonCsvFileName } from '@civic/catalogue';
import type { ImportMode } from '@civic/contracts';
import { ImportJob, importFile, ImportService } from './import-client';

export interface ImportSeasonOptions {
  registryUrl: string;
  expertPoolUrl: string;
  mode?: ImportMode;
  /** Bearer token for both registries (see ImportOptions.token). */
  token?: string;
  /** Called on every change of a job's status or counts. */
  onProgress?: (service: ImportService, job: ImportJob) => void;
}

export interface ImportSeasonResult {
  projects: ImportJob;
  teachers: ImportJob;
  students: ImportJob;
  /** Universities whose coordinator was set. */
  coordinators: number;
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
      token: options.token,
      onProgress: (j) => options.onProgress?.(service, j),
    });
    if (job.status !== 'completed') {
      const first = job.errors.slice(0, 5).map((e) => `line ${e.line} ${e.field} ${e.rule}: ${e.message}`);
      throw new Error(`${FILE_OF[service]} import ${job.status}: ${job.message ?? ''}${first.length ? `\n  ${first.join('\n  ')}` : ''}`);
    }
    return job;
  };
  const projects = await run('projects');
  const teachers = await run('teachers');
  const students = await run('students');
  const coordinators = await setCoordinators(options.expertPoolUrl);
  return { projects, teachers, students, coordinators, ms: Date.now() - started };
}

/** Sets each university's generated coordinator through expert-pool's administrator API. */
async function setCoordinators(expertPoolUrl: string): Promise<number> {
  const all = seasonCoordinators();
  for (const { universityId, ...coordinator } of all) {
    const res = await fetch(`${expertPoolUrl}/universities/${universityId}/coordinators`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ coordinators: [coordinator] }),
    });
    if (!res.ok) throw new Error(`setting ${universityId}'s coordinator answered ${res.status}: ${await res.text()}`);
  }
  return all.length;
}
