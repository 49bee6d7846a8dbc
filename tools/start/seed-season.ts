import type { Season, SeasonExpert } from '@civic/catalogue';
import { requestJson } from '@civic/testing';

export interface SeedCounts {
  projects: { created: number; existing: number };
  experts: { created: number; existing: number };
}

/**
 * Registers every project and expert of a generated season over the registries' HTTP API. Already-registered
 * external keys (409) count as existing, so a second run changes nothing.
 */
export async function seedSeason(season: Season, registryUrl: string, expertPoolUrl: string): Promise<SeedCounts> {
  const counts: SeedCounts = { projects: { created: 0, existing: 0 }, experts: { created: 0, existing: 0 } };
  // Projects one by one, in season order, so a fresh registry numbers them as the season does (P00001...).
  await inParallel(season.projects, 1, async (p) => {
    const res = await requestJson('POST', `${registryUrl}/projects`, {
      externalKey: p.id,
      name: p.nameZh,
      districtId: p.districtId,
      streetCode: p.streetCode,
      communityType: p.communityType,
      issueTypes: p.issueTypes,
      wantedDisciplines: p.wantedDisciplines,
      slots: p.slots,
      location: p.location,
    });
    tally(res.status, counts.projects, `project ${p.id}`, res.body);
  });
  const experts: SeasonExpert[] = [...season.teachers, ...season.students];
  await inParallel(experts, 8, async (e) => {
    const res = await requestJson('POST', `${expertPoolUrl}/experts`, {
      externalKey: e.id,
      kind: e.kind,
      name: e.nameZh,
      universityId: e.universityId,
      collegeId: e.collegeId,
      disciplines: e.disciplines,
      capacity: e.capacity,
      preferences: e.preferences,
    });
    tally(res.status, counts.experts, `expert ${e.id}`, res.body);
  });
  return counts;
}

function tally(status: number, into: { created: number; existing: number }, what: string, body: unknown): void {
  if (status === 201) into.created++;
  else if (status === 409) into.existing++;
  else throw new Error(`${what} was refused with ${status}: ${JSON.stringify(body)}`);
}

async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
