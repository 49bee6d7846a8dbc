import type { AssignmentSnapshotV1 } from '@civic/contracts';
import { requestJson, ServiceStack, waitFor } from '@civic/testing';

/** What the access-control suites act on: records of two universities (fdu, the coordinator's own; tongji, another). */
export interface SecurityFixtures {
  project: string;
  projectToWithdraw: string;
  projectImportId: string;
  fduExpert: string;
  tongjiExpert: string;
  expertImportId: string;
  roundId: string;
  /** Proposals of fdu's people: [0] is accepted by the matrix, [1] declined by an administrator, [2] by fdu's coordinator. */
  fduAssignments: string[];
  tongjiAssignment: string;
}

let sequence = 0;

/** A valid POST /projects body with a fresh external key. */
export function projectBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    externalKey: `SEC-P-${Date.now().toString(36)}-${sequence}`,
    name: `测试项目 ${sequence}（合成）`,
    districtId: 'huangpu',
    streetCode: '310101015',
    communityType: 'residential',
    issueTypes: ['property_governance', 'pain_points'],
    wantedDisciplines: ['sociology', 'law'],
    slots: { teacher: { min: 1, max: 3 }, student: { min: 1, max: 2 } },
    ...over,
  };
}

/** A valid POST /experts body of `university` with a fresh external key. */
export function expertBody(university: 'fdu' | 'tongji', kind: 'teacher' | 'student' = 'teacher', over: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    externalKey: `SEC-E-${Date.now().toString(36)}-${sequence}`,
    kind,
    name: `专家 ${sequence}（合成）`,
    universityId: university,
    collegeId: university === 'fdu' ? 'fdu_ssdpp' : 'tj_law',
    disciplines: [university === 'fdu' ? 'sociology' : 'law'],
    capacity: 1,
    ...over,
  };
}

async function created(what: string, res: { status: number; body: any }, status = 201): Promise<any> {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Seeds the stack as an administrator: projects and experts of fdu and tongji, one import job per registry, and a
 * completed city round whose proposals include fdu's and tongji's people. Waits until reporting has the round.
 */
export async function seedSecurityFixtures(stack: ServiceStack): Promise<SecurityFixtures> {
  const registry = stack.service('project-registry').url;
  const pool = stack.service('expert-pool').url;
  const matching = stack.service('matching').url;
  const reporting = stack.service('reporting').url;
  const admin = await stack.authorization('admin', { subject: `${stack.runId}-seeder` });

  const projects: string[] = [];
  for (let i = 0; i < 4; i++) projects.push((await created('project', await requestJson('POST', `${registry}/projects`, projectBody(), admin))).projectId);
  const experts: Record<'fdu' | 'tongji', string[]> = { fdu: [], tongji: [] };
  for (const [university, count] of [['fdu', 5], ['tongji', 3]] as const) {
    for (let i = 0; i < count; i++) experts[university].push((await created('expert', await requestJson('POST', `${pool}/experts`, expertBody(university), admin))).expertId);
  }
  const projectImport = await created('project import', await requestJson('POST', `${registry}/projects/imports`, { rows: [projectBody()] }, admin), 202);
  const expertImport = await created('expert import', await requestJson('POST', `${pool}/experts/imports`, { rows: [expertBody('tongji')] }, admin), 202);

  await waitFor(
    "matching's read model to hold the seeded records",
    async () => {
      const { body } = await requestJson('GET', `${matching}/read-model/summary`, undefined, admin);
      return body.projects.active >= 5 && body.experts.teachers >= 9;
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  // The withdrawn-to-be project stays out of the round: it is withdrawn by the matrix later, not now.
  const round = await created(
    'round',
    await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true, options: { maxDistanceKm: null, maxPerDiscipline: 3 } }, admin),
    202,
  );
  await waitFor(
    'the seeded round to complete',
    async () => {
      const { body } = await requestJson('GET', `${matching}/rounds/${round.roundId}`, undefined, admin);
      if (body.status === 'failed') throw new Error(`round failed: ${body.error}`);
      return body.status === 'completed';
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  const assignments: AssignmentSnapshotV1[] = (await requestJson('GET', `${matching}/rounds/${round.roundId}/assignments?status=proposed`, undefined, admin)).body;
  const of = (u: string) => assignments.filter((a) => a.universityId === u).map((a) => a.assignmentId);
  if (of('fdu').length < 3 || of('tongji').length < 1) throw new Error(`the round proposed too little: ${JSON.stringify(assignments.map((a) => a.universityId))}`);
  await waitFor(
    "reporting's report of the round",
    async () => (await requestJson('GET', `${reporting}/rounds/${round.roundId}/report`, undefined, admin)).body?.complete === true,
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  return {
    project: projects[0],
    projectToWithdraw: projects[3],
    projectImportId: projectImport.id,
    fduExpert: experts.fdu[0],
    tongjiExpert: experts.tongji[0],
    expertImportId: expertImport.id,
    roundId: round.roundId,
    fduAssignments: of('fdu').slice(0, 3),
    tongjiAssignment: of('tongji')[0],
  };
}
