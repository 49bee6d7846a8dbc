import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ASSIGNMENT_EVENTS } from './assignment.events';
import { EVENT_PAYLOAD_SCHEMAS } from './event-payloads';
import { EXPERT_EVENTS } from './expert.events';
import { payloadSurelyConforms } from './payload-fast-check';
import { PROJECT_EVENTS } from './project.events';
import { ROUND_EVENTS } from './round.events';

const project = {
  projectId: 'P00001', externalKey: 'HP-001', name: '西凌新邨', districtId: 'huangpu', streetCode: '310101015', communityType: 'residential',
  issueTypes: ['property_governance', 'pain_points'], wantedDisciplines: ['law'], slots: { teacher: { min: 1, max: 3 }, student: { min: 2, max: 4 } },
  location: { lat: 31.21, lon: 121.48 }, status: 'active', revision: 3,
};
const expert = {
  expertId: 'T000001', externalKey: 'FDU-T-1', kind: 'teacher', name: '黄老师', universityId: 'fdu', collegeId: 'fdu_ssdpp', disciplines: ['sociology'],
  capacity: 2, available: true, preferences: ['P00001'], location: { lat: 31.3, lon: 121.5 }, revision: 1,
};
const assignment = {
  assignmentId: '0b7c6f1e-8f0a-4a57-9a43-2f7d0b1e9c11', roundId: '5d1f3c1e-0c1b-4b0c-8b61-1b2c3d4e5f60', expertId: 'T000001', expertKind: 'teacher',
  universityId: 'fdu', collegeId: 'fdu_ssdpp', discipline: 'sociology', projectId: 'P00001', districtId: 'huangpu', issueType: 'pain_points', weight: 209,
  explanation: { parts: { base: 1, affinity: 140, distance: 38, preference: 0, wantedDiscipline: 30 }, issueType: 'pain_points', discipline: 'sociology' },
  origin: 'round', status: 'declined', deadline: '2026-12-10T00:00:00.000Z', proposedAt: '2026-12-03T00:00:00.000Z',
  decidedAt: '2026-12-04T08:00:00.000Z', declineReason: 'too_far', declineNote: null, revision: 2,
};
const completed = {
  roundId: assignment.roundId, scope: { key: 'city', districtIds: null }, strategy: 'optimal',
  options: { maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: 50, responseWindowSeconds: 604_800 }, dryRun: false,
  objective: { coverage: 1, weight: 209 },
  figures: {
    projects: 1, experts: 1, eligiblePairs: 1, requiredSlots: 3, coveredSlots: 1, coverageRatio: 1 / 3, weight: 209,
    assignments: { total: 1, proposed: 1, accepted: 0, declined: 0, expired: 0 }, underfilledSlots: 1, unassignedExperts: 0,
  },
  projects: [{ projectId: 'P00001', districtId: 'huangpu', issueType: 'pain_points', slots: project.slots }],
  expertGroups: [{ universityId: 'fdu', discipline: 'sociology', kind: 'teacher', experts: 1, capacity: 2 }],
  underfilled: [{ projectId: 'P00001', kind: 'student', filled: 0, min: 2, reason: 'no_eligible_expert' }],
  timings: { snapshotMs: 3, scoringMs: 1, solvingMs: 2, storingMs: 4, totalMs: 10 }, completedAt: '2026-12-03T00:00:01.000Z', revision: 2,
};
const failed = {
  roundId: assignment.roundId, scope: { key: 'districts:huangpu', districtIds: ['huangpu'] }, strategy: 'stable', dryRun: true, phase: 'failed',
  reason: 'solve timed out', failedAt: '2026-12-03T00:00:01.000Z', revision: 2,
};

const cases: Array<[string, Record<string, unknown>]> = [
  [`${PROJECT_EVENTS.registered}@1`, project],
  [`${EXPERT_EVENTS.registered}@1`, expert],
  [`${ASSIGNMENT_EVENTS.declined}@1`, assignment],
  [`${ROUND_EVENTS.completed}@1`, completed],
  [`${ROUND_EVENTS.failed}@1`, failed],
];

const REPLACEMENTS: unknown[] = [undefined, null, '', 'x', '2026-12-03T00:00:00.000Z', 0, -1, 1.5, 1e9, Number.NaN, true, false, [], ['x'], [1], [null], [{}], {}, { min: 1 }];

/** Every payload that differs from `value` in one place (a field dropped or replaced, at any depth, array items too). */
function* mutations(value: unknown): Generator<unknown> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      for (const m of mutations(value[i])) yield value.map((v, k) => (k === i ? m : v));
    }
    yield [...value, value[0]];
    yield [];
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      const { [key]: _dropped, ...rest } = value as Record<string, unknown>;
      yield rest;
      for (const m of mutations((value as Record<string, unknown>)[key])) yield { ...value, [key]: m };
    }
  }
  for (const r of REPLACEMENTS) yield r;
}

const classValidatorAccepts = (schema: new () => object, payload: unknown) =>
  validateSync(plainToInstance(schema, payload as object), { forbidUnknownValues: false }).length === 0;

describe('the payload fast check', () => {
  it.each(cases)('says a conforming %s payload conforms (the fast path is taken)', (key, payload) => {
    expect(payloadSurelyConforms(EVENT_PAYLOAD_SCHEMAS.get(key)!, payload)).toBe(true);
  });

  it.each(cases)('never passes a %s payload that class-validator refuses (every one-place change, at any depth)', (key, payload) => {
    const schema = EVENT_PAYLOAD_SCHEMAS.get(key)!;
    let tried = 0;
    const lenient: string[] = [];
    for (const m of mutations(payload)) {
      tried++;
      if (typeof m !== 'object' || m === null || Array.isArray(m)) continue; // eventPayloadProblems refuses these before either check
      if (payloadSurelyConforms(schema, m) && !classValidatorAccepts(schema, m)) lenient.push(JSON.stringify(m));
    }
    expect(tried).toBeGreaterThan(50);
    expect(lenient).toEqual([]);
  });

  it('agrees with class-validator on every one-place change of a project payload (it is not merely strict)', () => {
    const schema = EVENT_PAYLOAD_SCHEMAS.get(`${PROJECT_EVENTS.registered}@1`)!;
    let same = 0;
    let total = 0;
    for (const m of mutations(project)) {
      if (typeof m !== 'object' || m === null || Array.isArray(m)) continue;
      total++;
      if (payloadSurelyConforms(schema, m) === classValidatorAccepts(schema, m)) same++;
    }
    expect(same).toBe(total);
  });
});
