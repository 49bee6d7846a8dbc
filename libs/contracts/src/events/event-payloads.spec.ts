import { ASSIGNMENT_EVENTS, type AssignmentSnapshotV1 } from './assignment.events';
import { EVENT_CATALOG } from './event-catalog';
import { EVENT_PAYLOAD_SCHEMAS, eventPayloadProblems } from './event-payloads';
import { EXPERT_EVENTS, type ExpertSnapshotV1 } from './expert.events';
import { PROJECT_EVENTS, type ProjectSnapshotV1 } from './project.events';
import { ROUND_EVENTS, type RoundCompletedPayloadV1, type RoundFailedPayloadV1 } from './round.events';

const project: ProjectSnapshotV1 = {
  projectId: 'P00001',
  externalKey: 'HP-001',
  name: '西凌新邨',
  districtId: 'huangpu',
  streetCode: '310101015',
  communityType: 'residential',
  issueTypes: ['property_governance', 'pain_points'],
  wantedDisciplines: [],
  slots: { teacher: { min: 1, max: 3 }, student: { min: 2, max: 4 } },
  location: { lat: 31.21, lon: 121.48 },
  status: 'active',
  revision: 3,
};

const expert: ExpertSnapshotV1 = {
  expertId: 'T000001',
  externalKey: 'FDU-T-1',
  kind: 'teacher',
  name: '黄老师',
  universityId: 'fdu',
  collegeId: 'fdu_ssdpp',
  disciplines: ['sociology'],
  capacity: 2,
  available: true,
  preferences: ['P00001'],
  location: { lat: 31.3, lon: 121.5 },
  revision: 1,
};

const assignment: AssignmentSnapshotV1 = {
  assignmentId: '0b7c6f1e-8f0a-4a57-9a43-2f7d0b1e9c11',
  roundId: '5d1f3c1e-0c1b-4b0c-8b61-1b2c3d4e5f60',
  expertId: 'T000001',
  expertKind: 'teacher',
  universityId: 'fdu',
  collegeId: 'fdu_ssdpp',
  discipline: 'sociology',
  projectId: 'P00001',
  districtId: 'huangpu',
  issueType: 'pain_points',
  weight: 209,
  explanation: { parts: { base: 1, affinity: 140, distance: 38, preference: 0, wantedDiscipline: 30 }, issueType: 'pain_points', discipline: 'sociology' },
  origin: 'round',
  status: 'declined',
  deadline: '2026-12-10T00:00:00.000Z',
  proposedAt: '2026-12-03T00:00:00.000Z',
  decidedAt: '2026-12-04T08:00:00.000Z',
  declineReason: 'too_far',
  declineNote: null,
  revision: 2,
};

const scope = { key: 'city', districtIds: null };
const options = { maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: 50, responseWindowSeconds: 604_800 };
const figures = {
  projects: 1,
  experts: 1,
  eligiblePairs: 1,
  requiredSlots: 3,
  coveredSlots: 1,
  coverageRatio: 1 / 3,
  weight: 209,
  assignments: { total: 1, proposed: 1, accepted: 0, declined: 0, expired: 0 },
  underfilledSlots: 1,
  unassignedExperts: 0,
};
const completed: RoundCompletedPayloadV1 = {
  roundId: assignment.roundId,
  scope,
  strategy: 'optimal',
  options,
  dryRun: false,
  objective: { coverage: 1, weight: 209 },
  figures,
  projects: [{ projectId: 'P00001', districtId: 'huangpu', issueType: 'pain_points', slots: project.slots }],
  expertGroups: [{ universityId: 'fdu', discipline: 'sociology', kind: 'teacher', experts: 1, capacity: 2 }],
  underfilled: [{ projectId: 'P00001', kind: 'student', filled: 0, min: 2, reason: 'no_eligible_expert' }],
  timings: { snapshotMs: 3, scoringMs: 1, solvingMs: 2, storingMs: 4, totalMs: 10 },
  completedAt: '2026-12-03T00:00:01.000Z',
  revision: 2,
};
const failed: RoundFailedPayloadV1 = {
  roundId: assignment.roundId,
  scope: { key: 'districts:huangpu', districtIds: ['huangpu'] },
  strategy: 'stable',
  dryRun: true,
  phase: 'failed',
  reason: 'solve timed out',
  failedAt: '2026-12-03T00:00:01.000Z',
  revision: 2,
};

describe('event payload schemas', () => {
  it('has one schema for every event type of the catalogue, at its version', () => {
    for (const e of EVENT_CATALOG) expect({ event: e.type, schema: EVENT_PAYLOAD_SCHEMAS.has(`${e.type}@${e.version}`) }).toEqual({ event: e.type, schema: true });
    expect(EVENT_PAYLOAD_SCHEMAS.size).toBe(EVENT_CATALOG.length);
  });

  it('accepts conforming payloads of every shape, extra fields included (additive changes stay compatible)', () => {
    expect(eventPayloadProblems(PROJECT_EVENTS.updated, 1, project)).toEqual([]);
    expect(eventPayloadProblems(EXPERT_EVENTS.availabilityChanged, 1, { ...expert, addedLater: 'fine' })).toEqual([]);
    expect(eventPayloadProblems(ASSIGNMENT_EVENTS.declined, 1, assignment)).toEqual([]);
    expect(eventPayloadProblems(ROUND_EVENTS.completed, 1, completed)).toEqual([]);
    expect(eventPayloadProblems(ROUND_EVENTS.failed, 1, failed)).toEqual([]);
  });

  it('names every field at fault with its path, nested ones included', () => {
    const problems = eventPayloadProblems(PROJECT_EVENTS.registered, 1, {
      ...project,
      slots: { teacher: { min: -1, max: 3 } },
      location: { lat: 'north', lon: 121.48 },
      status: 'archived',
      issueTypes: [],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'payload.slots.teacher.min: min must not be less than 0',
        'payload.slots.student: student must be an object',
        expect.stringMatching(/^payload\.location\.lat: /),
        expect.stringMatching(/^payload\.status: status must be one of the following values: active, withdrawn/),
        'payload.issueTypes: issueTypes must contain at least 1 elements',
      ]),
    );
  });

  it('tells a missing field from a null one where the contract allows null', () => {
    const { decidedAt: _dropped, ...withoutDecidedAt } = assignment;
    expect(eventPayloadProblems(ASSIGNMENT_EVENTS.proposed, 1, { ...assignment, decidedAt: null, declineReason: null })).toEqual([]);
    expect(eventPayloadProblems(ASSIGNMENT_EVENTS.proposed, 1, withoutDecidedAt)).toEqual([expect.stringMatching(/^payload\.decidedAt: /)]);
    expect(eventPayloadProblems(ROUND_EVENTS.completed, 1, { ...completed, projects: [{ ...completed.projects[0], slots: null }] })).toContain(
      'payload.projects.0.slots: slots must be an object',
    );
  });

  it('refuses a payload that is not an object, and leaves unknown types and versions to the consumer', () => {
    expect(eventPayloadProblems(PROJECT_EVENTS.registered, 1, [project])).toEqual(['payload must be an object']);
    expect(eventPayloadProblems('project.archived', 1, { anything: true })).toEqual([]);
    expect(eventPayloadProblems(PROJECT_EVENTS.registered, 2, { anything: true })).toEqual([]);
  });
});
