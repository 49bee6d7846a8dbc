import type { DraftAssignmentV1, ExpertKind } from '@civic/contracts';
import { publishChanges, type WorldNow } from './publish-changes';

const d = (expertId: string, projectId: string, weight: number, kind: ExpertKind = 'teacher'): DraftAssignmentV1 => ({
  expertId,
  expertKind: kind,
  universityId: 'fdu',
  collegeId: 'fdu_x',
  discipline: 'law',
  projectId,
  districtId: 'huangpu',
  issueType: 'pain_points',
  weight,
  explanation: { parts: {}, issueType: 'pain_points', discipline: 'law' },
  placedBy: 'engine',
});
const slots = (max: number) => ({ teacher: { min: 1, max }, student: { min: 0, max: 2 } });
const world = (w: Partial<WorldNow> = {}): WorldNow => ({
  experts: new Map([
    ['T1', { available: true, capacity: 2 }],
    ['T2', { available: true, capacity: 1 }],
  ]),
  projects: new Map([
    ['P1', { status: 'active', slots: slots(2) }],
    ['P2', { status: 'active', slots: slots(2) }],
  ]),
  heldElsewhere: [],
  ...w,
});

describe('what changed since a draft was solved', () => {
  const draft = [d('T1', 'P1', 50), d('T1', 'P2', 80), d('T2', 'P1', 60)];

  it('names the lightest of a team when only the places were taken', () => {
    const now = world({ heldElsewhere: [{ expertId: 'T3', projectId: 'P1', kind: 'teacher' }] });
    expect(publishChanges(draft, now).map((c) => `${c.kind} ${c.expertId}/${c.projectId}`)).toEqual(['slots_taken T1/P1']);
  });

  it('finds nothing when the world is as the draft assumed', () => {
    expect(publishChanges(draft, world())).toEqual([]);
  });

  it('names a withdrawn expert and a withdrawn project at each of their assignments', () => {
    const now = world({
      experts: new Map([['T1', { available: true, capacity: 2 }], ['T2', { available: false, capacity: 1 }]]),
      projects: new Map([['P1', { status: 'active', slots: slots(2) }], ['P2', { status: 'withdrawn', slots: slots(2) }]]),
    });
    expect(publishChanges(draft, now).map((c) => `${c.kind} ${c.expertId}/${c.projectId}`)).toEqual(['expert_unavailable T2/P1', 'project_withdrawn T1/P2']);
  });

  it('gives up the lightest assignments where a round published meanwhile took capacity or places', () => {
    // Another round now holds T1 once (capacity 2: one place left for two draft assignments) and one teacher place in P1.
    const now = world({ heldElsewhere: [{ expertId: 'T1', projectId: 'P9', kind: 'teacher' }, { expertId: 'T3', projectId: 'P1', kind: 'teacher' }] });
    const changes = publishChanges(draft, now);
    // T1/P1 (weight 50) is the lightest of both: giving it up frees T1's place and P1's, so it is named once.
    expect(changes.map((c) => `${c.kind} ${c.expertId}/${c.projectId}`)).toEqual(['expert_capacity_taken T1/P1']);
    expect(changes[0].message).toBe('T1 has 1 place(s) left (capacity 2, 1 held by other rounds), the draft uses 2');
  });
});
