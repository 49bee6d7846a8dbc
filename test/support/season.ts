import type { Season } from '@civic/catalogue';
import { requestJson, waitFor } from '@civic/testing';
import { importSeason } from '../../tools/import/import';

/** Where the season goes: the two registries, and matching, whose read model must come to hold it. */
export interface SeasonTargets {
  registryUrl: string;
  expertPoolUrl: string;
  matchingUrl: string;
}

/**
 * Imports a season through the registries' import endpoints and waits until matching's read model holds every
 * project and expert of it (through the broker). Lives under test/ rather than libs/testing because the import
 * client is a tool.
 */
export async function importSeasonAndWait(season: Season, targets: SeasonTargets, timeoutMs = 120_000): Promise<void> {
  await importSeason(season, { registryUrl: targets.registryUrl, expertPoolUrl: targets.expertPoolUrl });
  await waitFor(
    "matching's read model to hold the season",
    async () => {
      const { body } = await requestJson('GET', `${targets.matchingUrl}/read-model/summary`);
      return body.projects.active === season.projects.length && body.experts.teachers === season.teachers.length && body.experts.students === season.students.length;
    },
    { timeoutMs, intervalMs: 250 },
  );
}
