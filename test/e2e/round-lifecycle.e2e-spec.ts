import type { AssignmentSnapshotV1, DraftAssignmentV1, EventEnvelope } from '@civic/contracts';
import { MailInbox, requestJson, SERVICE_NAMES, ServiceStack, waitFor } from '@civic/testing';

const COORDINATORS = {
  fdu: { email: 'fdu-lifecycle@example.org', name: 'Ms Wang (synthetic)', language: 'en' },
  sjtu: { email: 'sjtu-lifecycle@example.org', name: 'Mr Li (synthetic)', language: 'en' },
} as const;
/** The administrator's token subject: the audit and the events name it. */
const ALICE = 'alice-admin';
/** Matching pauses this long between the solve and storing, so a test can cancel a round between its phases. */
const PAUSE_MS = 3000;

/**
 * The round lifecycle through the five real services and the real broker, on a small season (three Huangpu projects,
 * one in Chongming, nine experts): a preflight on scarce data explains the shortfall; a round cancelled mid-run stores
 * and proposes nothing; a real round ends as a draft (reported, nothing proposed); edits (remove, move, pin) answer
 * with the diff and the new figures and are audited; two edits at one revision give one 409; an edit that breaks a
 * hard rule is a 422 naming it; publishing after a change is a 409 naming it, or re-solves minimally when asked;
 * publishing twice publishes once; coordinators accept and decline; the withdrawal takes the pending proposals back
 * (accepted stays), frees their capacity and mails each university's coordinator once; every transition is an event
 * in the feed; and reporting's figures equal matching's after each step.
 */
describe('round lifecycle: draft, edit, publish, answer, withdraw, cancel end to end', () => {
  let inbox: MailInbox;
  let stack: ServiceStack;
  let alice: Record<string, string>;
  let roundId: string;
  const url = (s: (typeof SERVICE_NAMES)[number]) => stack.service(s).url;
  const huangpu = { districtIds: ['huangpu'] };

  const round = async (id: string) => (await requestJson('GET', `${url('matching')}/rounds/${id}`)).body;
  const draftOf = async (id: string): Promise<DraftAssignmentV1[]> => (await requestJson('GET', `${url('matching')}/rounds/${id}/draft`)).body;
  const assignmentsOf = async (id: string, status?: string): Promise<AssignmentSnapshotV1[]> =>
    (await requestJson('GET', `${url('matching')}/rounds/${id}/assignments${status ? `?status=${status}` : ''}`)).body;
  const post = (path: string, body: unknown = {}) => requestJson('POST', `${url('matching')}${path}`, body, alice);
  const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, { timeoutMs: 60_000, intervalMs: 100 });
  const settled = (id: string, status: string) =>
    until(`round ${id} to be ${status}`, async () => {
      const r = await round(id);
      if (r.status === 'failed') throw new Error(`round failed: ${r.error}`);
      return r.status === status ? r : undefined;
    });
  const feed = async (types: string[]): Promise<EventEnvelope[]> =>
    (await requestJson('GET', `${url('reporting')}/events?types=${types.join(',')}&limit=1000`)).body.events;

  /**
   * Waits until reporting, from events alone, says what matching says: the same status, and the same figures (a
   * draft's as declared with as many draft assignments; a published round's derived from its assignment events).
   * `also` waits for more of the report: an edit that changes neither the figures nor the assignments (a pin of a
   * placed pair) is told apart by its own event only.
   */
  const agree = (id: string, what: string, also: (report: { lifecycle: { edits: number } }) => boolean = () => true) =>
    until(`reporting to agree with matching ${what}`, async () => {
      const [m, r] = await Promise.all([round(id), requestJson('GET', `${url('reporting')}/rounds/${id}/report`)]);
      if (r.status !== 200 || r.body.status !== m.status || !m.summary) return undefined;
      const f = m.summary.figures;
      if (m.status === 'draft') {
        const draft = await draftOf(id);
        const same = r.body.complete && JSON.stringify(r.body.declared.figures) === JSON.stringify(f) && r.body.draft.assignments === draft.length && also(r.body);
        return same ? { round: m, report: r.body } : undefined;
      }
      const t = r.body.totals;
      const same =
        r.body.complete &&
        t.coveredSlots === f.coveredSlots &&
        t.requiredSlots === f.requiredSlots &&
        t.weight === f.weight &&
        JSON.stringify(t.assignments) === JSON.stringify(f.assignments) &&
        also(r.body);
      return same ? { round: m, report: r.body } : undefined;
    });

  beforeAll(async () => {
    inbox = await MailInbox.start();
    stack = await ServiceStack.start({
      names: SERVICE_NAMES,
      serviceEnv: {
        matching: { SWEEP_INTERVAL_MS: '500', REMATCH_BATCH_MS: '200', ROUND_PAUSE_BEFORE_STORING_MS: String(PAUSE_MS) },
        notifications: { SMTP_URL: inbox.smtpUrl, NOTICE_POLL_MS: '200', MAIL_RETRY_BASE_MS: '200', MAIL_RETRY_MAX_MS: '1000' },
      },
    });
    alice = await stack.authorization('admin', { subject: ALICE });
    for (const [university, c] of Object.entries(COORDINATORS)) {
      expect((await requestJson('PUT', `${url('expert-pool')}/universities/${university}/coordinators`, { coordinators: [c] })).status).toBe(200);
    }
    const project = async (key: string, districtId: string, streetCode: string, teacher: { min: number; max: number }, student: { min: number; max: number }) => {
      const res = await requestJson('POST', `${url('project-registry')}/projects`, {
        externalKey: `LIFE-P-${stack.runId}-${key}`,
        name: `生命周期项目 ${key}（合成）`,
        nameEn: `Lifecycle project ${key} (synthetic)`,
        districtId,
        streetCode,
        communityType: 'residential',
        issueTypes: ['property_governance'],
        wantedDisciplines: [],
        slots: { teacher, student },
      });
      expect([res.status, res.body.error]).toEqual([201, undefined]);
    };
    for (const key of ['H1', 'H2', 'H3']) await project(key, 'huangpu', '310101015', { min: 1, max: 2 }, { min: 1, max: 1 });
    // Chongming is far from every campus: the scarce data set of the preflight.
    await project('C1', 'chongming', '310151101', { min: 2, max: 2 }, { min: 0, max: 1 });
    const experts = [
      ...['teacher', 'teacher', 'teacher', 'student', 'student'].map((kind) => ({ kind, universityId: 'fdu', collegeId: 'fdu_ssdpp', disciplines: ['sociology'] })),
      ...['teacher', 'teacher', 'student', 'student'].map((kind) => ({ kind, universityId: 'sjtu', collegeId: 'sjtu_sipa', disciplines: ['public_admin'] })),
    ];
    for (const [i, e] of experts.entries()) {
      const res = await requestJson('POST', `${url('expert-pool')}/experts`, { ...e, externalKey: `LIFE-E-${stack.runId}-${i}`, name: `专家${i}（合成）`, nameEn: `Expert ${i} (synthetic)`, capacity: 1 });
      expect(res.status).toBe(201);
    }
    await until("matching's read model to hold the records", async () => {
      const { body } = await requestJson('GET', `${url('matching')}/read-model/summary`);
      return body.projects.active === 4 && body.experts.teachers === 5 && body.experts.students === 4 ? true : undefined;
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await inbox?.stop();
  });

  it('explains before any solve why a scarce scope cannot be met, and that an ample one can', async () => {
    const scarce = await post('/rounds/preflight', { scope: { districtIds: ['chongming'] }, options: { maxDistanceKm: 5 } });
    expect(scarce.status).toBe(200);
    expect(scarce.body.feasible).toBe(false);
    expect(scarce.body.byKind.find((k: { kind: string }) => k.kind === 'teacher')).toEqual({ kind: 'teacher', projects: 1, demandMin: 2, demandMax: 2, experts: 5, capacity: 5, shortfall: 0 });
    expect(scarce.body.byDistrict).toEqual(
      expect.arrayContaining([{ districtId: 'chongming', kind: 'teacher', demandMin: 2, reachableExperts: 0, reachableCapacity: 0, shortfall: 2 }]),
    );
    const [shortage] = scarce.body.projectsWithoutExpert;
    expect(shortage).toMatchObject({ districtId: 'chongming', kind: 'teacher', min: 2, candidates: 5, excluded: { distance: 5, capacity: 0, forbidden: 0 } });
    expect(shortage.why).toContain('5 farther than 5 km');
    expect(scarce.body.summary).toEqual(expect.arrayContaining(['chongming: 2 teacher places needed, at most 0 reachable within 5 km']));

    const ample = await post('/rounds/preflight', { scope: huangpu, options: { teamPolicy: 'one-university' } });
    expect(ample.body).toMatchObject({ feasible: true, projectsWithoutExpert: [] });
    expect(ample.body.byUniversity.map((u: { universityId: string; projectsItCanStaff: number }) => [u.universityId, u.projectsItCanStaff])).toEqual([
      ['fdu', 3],
      ['sjtu', 3],
    ]);
    const bad = await post('/rounds/preflight', { options: { maxPerDiscipline: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'options.maxPerDiscipline', rule: 'min' })]);
  });

  it('cancels a round mid-run: the worker stops at the next phase boundary, nothing is stored or proposed, round.cancelled is out', async () => {
    const started = await post('/rounds', { scope: huangpu });
    expect(started.status).toBe(202);
    const id = started.body.roundId;
    await until('the round to reach its solve', async () => ((await round(id)).phase === 'solving' ? true : undefined));
    const cancelled = await post(`/rounds/${id}/cancel`, { reason: 'wrong scope' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', phase: 'solving', endedAt: expect.any(String) });
    // Past the pause the worker reaches the boundary and stops there.
    await new Promise((r) => setTimeout(r, PAUSE_MS + 1000));
    const after = await round(id);
    expect(after).toMatchObject({ status: 'cancelled', phase: 'solving', summary: null });
    expect(await draftOf(id)).toEqual([]);
    expect(await assignmentsOf(id)).toEqual([]);

    const refused = await post(`/rounds/${id}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'round_not_cancellable', message: `round ${id} was cancelled: cannot cancel it` });
    const publish = await post(`/rounds/${id}/publish`);
    expect(publish.status).toBe(409);
    expect(publish.body.error).toMatchObject({ code: 'round_not_draft', message: `round ${id} was cancelled: cannot publish it` });

    const report = await until('the cancellation in reporting', async () => {
      const { body } = await requestJson('GET', `${url('reporting')}/rounds/${id}/report`);
      return body?.status === 'cancelled' ? body : undefined;
    });
    expect(report.lifecycle).toMatchObject({ endedBy: ALICE, endReason: 'wrong scope' });
    const events = (await feed(['round.started', 'round.drafted', 'round.completed', 'round.cancelled'])).filter((e) => e.key === id);
    expect(events.map((e) => e.type)).toEqual(['round.started', 'round.cancelled']);
    expect(events[1].payload).toMatchObject({ fromStatus: 'running', phase: 'solving', cancelledBy: ALICE, reason: 'wrong scope' });
  });

  it('ends a real round as a draft: stored and reported, nothing proposed', async () => {
    const started = await post('/rounds', { scope: huangpu });
    expect(started.status).toBe(202);
    expect(started.body.publishAtOnce).toBe(false);
    roundId = started.body.roundId;
    const draft = await settled(roundId, 'draft');
    expect(draft.phase).toBe('done');
    expect(draft.summary.figures).toMatchObject({ projects: 3, requiredSlots: 6, coveredSlots: 6 });
    expect(await assignmentsOf(roundId)).toEqual([]);
    const assignments = await draftOf(roundId);
    expect(assignments.length).toBe(draft.summary.figures.assignments.total);
    expect(assignments.every((a) => a.placedBy === 'engine')).toBe(true);
    const { report } = await agree(roundId, 'on the draft');
    expect(report).toMatchObject({ status: 'draft', draft: { assignments: assignments.length, handPlaced: 0 }, totals: null });
    expect((await feed(['assignment.proposed'])).filter((e) => (e.payload as AssignmentSnapshotV1).roundId === roundId)).toEqual([]);
  });

  it('edits a draft (remove, move, pin) with the diff and new figures, audited; a stale edit is a 409, a broken rule a 422, nothing half-applied', async () => {
    const before = await round(roundId);
    const draft = await draftOf(roundId);
    const teachers = draft.filter((a) => a.expertKind === 'teacher');
    const [first] = teachers;

    // Remove: the pair is forbidden for this round, and the engine refills the slot with someone else.
    const removed = await post(`/rounds/${roundId}/edits`, { revision: before.revision, reason: 'conflict of interest', edits: [{ op: 'remove', expertId: first.expertId, projectId: first.projectId }] });
    expect(removed.status).toBe(200);
    expect(removed.body.edit.removed).toEqual(expect.arrayContaining([{ expertId: first.expertId, projectId: first.projectId }]));
    expect(removed.body.edit.before).toEqual(before.summary.figures);
    expect(removed.body.round.revision).toBe(before.revision + 1);
    const afterRemove = await draftOf(roundId);
    expect(afterRemove.some((a) => a.expertId === first.expertId && a.projectId === first.projectId)).toBe(false);
    // Minimal: everything else of the draft stayed.
    for (const a of draft.filter((x) => x !== first)) expect(afterRemove.some((b) => b.expertId === a.expertId && b.projectId === a.projectId)).toBe(true);
    await agree(roundId, 'after a removal');

    // Move a teacher to a project with a teacher's place free: placed by hand.
    const teachersIn = (d: DraftAssignmentV1[], projectId: string) => d.filter((x) => x.expertKind === 'teacher' && x.projectId === projectId).length;
    const projects = [...new Set(afterRemove.map((x) => x.projectId))].sort();
    const target = projects.find((p) => teachersIn(afterRemove, p) < 2)!;
    const mover = afterRemove.find((x) => x.expertKind === 'teacher' && x.projectId !== target)!;
    const r1 = (await round(roundId)).revision;
    const moved = await post(`/rounds/${roundId}/edits`, {
      revision: r1,
      reason: 'the street office asked for this teacher',
      edits: [{ op: 'move', expertId: mover.expertId, fromProjectId: mover.projectId, projectId: target }],
    });
    expect(moved.status).toBe(200);
    expect(moved.body.edit.added).toEqual(expect.arrayContaining([{ expertId: mover.expertId, projectId: target }]));
    expect(moved.body.edit.removed).toEqual(expect.arrayContaining([{ expertId: mover.expertId, projectId: mover.projectId }]));

    // Two administrators edit at one revision: exactly one gets a 409 and changes nothing.
    const r2 = r1 + 1;
    const stale = { revision: r2, edits: [{ op: 'pin', expertId: mover.expertId, projectId: target }] };
    const [a, b] = await Promise.all([post(`/rounds/${roundId}/edits`, { ...stale, reason: 'first' }), post(`/rounds/${roundId}/edits`, { ...stale, reason: 'second' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('stale_revision');
    expect((await round(roundId)).revision).toBe(r2 + 1);

    // An edit that breaks a hard rule: a 422 naming the rule, and the draft as it was.
    const now = await draftOf(roundId);
    const busy = now.find((x) => x.expertKind === 'teacher')!;
    const other = now.find((x) => x.projectId !== busy.projectId)!.projectId;
    const r3 = (await round(roundId)).revision;
    const overCapacity = await post(`/rounds/${roundId}/edits`, { revision: r3, reason: 'double booking', edits: [{ op: 'pin', expertId: busy.expertId, projectId: other }] });
    expect(overCapacity.status).toBe(422);
    expect(overCapacity.body.error.code).toBe('edit_breaks_rule');
    expect(overCapacity.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'edits.0', rule: 'capacity', message: expect.stringContaining('exceed capacity 1') })]));
    const fullProject = now.find((x) => x.expertKind === 'student')!;
    const freeStudent = (await requestJson('GET', `${url('expert-pool')}/experts?pageSize=50`)).body.items.find(
      (e: { kind: string; expertId: string }) => e.kind === 'student' && !now.some((x) => x.expertId === e.expertId),
    );
    const overMax = await post(`/rounds/${roundId}/edits`, { revision: r3, reason: 'a second student', edits: [{ op: 'pin', expertId: freeStudent.expertId, projectId: fullProject.projectId }] });
    expect(overMax.status).toBe(422);
    expect(overMax.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'teamMaximum', message: expect.stringContaining('exceed max 1') })]));
    const notThere = await post(`/rounds/${roundId}/edits`, { revision: r3, reason: 'typo', edits: [{ op: 'remove', expertId: busy.expertId, projectId: other }] });
    expect(notThere.status).toBe(400);
    expect(notThere.body.error.details).toEqual([expect.objectContaining({ field: 'edits.0', rule: 'inDraft' })]);
    expect((await round(roundId)).revision).toBe(r3);
    expect(await draftOf(roundId)).toEqual(now);

    // The move placed the teacher by hand: the draft, the audit and the report say so.
    const handPlaced = now.filter((x) => x.placedBy === 'hand');
    expect(handPlaced.map((x) => `${x.expertId}/${x.projectId}`)).toEqual([`${mover.expertId}/${target}`]);
    const audit = (await requestJson('GET', `${url('matching')}/rounds/${roundId}/audit`)).body;
    expect(audit.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`)).toEqual([`edit by ${ALICE}`, `edit by ${ALICE}`, `edit by ${ALICE}`]);
    expect(audit[0]).toMatchObject({ reason: 'conflict of interest', detail: { edits: [{ op: 'remove', expertId: first.expertId, projectId: first.projectId, fromProjectId: null }] } });
    const { report } = await agree(roundId, 'after the edits', (r) => r.lifecycle.edits >= 3);
    expect(report.lifecycle.edits).toBe(3);
    expect(report.handPlaced.map((x: { expertId: string; projectId: string }) => `${x.expertId}/${x.projectId}`)).toEqual(handPlaced.map((x) => `${x.expertId}/${x.projectId}`));
  });

  it('refuses to publish a draft whose expert was withdrawn meanwhile (409 naming it), re-solves minimally when asked, and publishes once', async () => {
    const draft = await draftOf(roundId);
    const gone = draft.find((x) => x.placedBy === 'engine' && x.expertKind === 'student')!;
    expect((await requestJson('PATCH', `${url('expert-pool')}/experts/${gone.expertId}`, { available: false })).status).toBe(200);
    // The draft holds nothing, so the preflight counts every available student: three once matching has heard.
    await until('matching to hear of the withdrawal', async () => {
      const { body } = await post('/rounds/preflight', { scope: huangpu });
      return body.byKind.find((k: { kind: string }) => k.kind === 'student').experts === 3 ? true : undefined;
    });
    const refused = await post(`/rounds/${roundId}/publish`, { reason: 'reviewed' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('round_changed');
    expect(refused.body.error.details).toEqual([{ field: `draft.${gone.expertId}.${gone.projectId}`, rule: 'expert_unavailable', message: `${gone.expertId} is no longer available` }]);
    expect((await round(roundId)).status).toBe('draft');
    expect(await assignmentsOf(roundId)).toEqual([]);

    const revision = (await round(roundId)).revision;
    const [a, b] = await Promise.all([
      post(`/rounds/${roundId}/publish`, { revision, onChange: 'resolve', reason: 'reviewed' }),
      post(`/rounds/${roundId}/publish`, { revision, onChange: 'resolve', reason: 'reviewed twice' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const published = a.status === 200 ? a.body : b.body;
    expect(['round_not_draft', 'stale_revision']).toContain((a.status === 409 ? a : b).body.error.code);
    expect(published.round).toMatchObject({ status: 'completed', publishedAt: expect.any(String) });
    expect(published.publication).toMatchObject({ resolved: true, changes: [expect.objectContaining({ kind: 'expert_unavailable', expertId: gone.expertId })] });
    expect(published.publication.removed).toEqual([{ expertId: gone.expertId, projectId: gone.projectId }]);
    const again = await post(`/rounds/${roundId}/publish`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'round_not_draft', message: `round ${roundId} is already published: cannot publish it` });
    const edit = await post(`/rounds/${roundId}/edits`, { revision: published.round.revision, reason: 'too late', edits: [{ op: 'remove', expertId: draft[0].expertId, projectId: draft[0].projectId }] });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('round_not_draft');

    const proposals = await assignmentsOf(roundId);
    expect(proposals).toHaveLength(published.publication.proposed);
    expect(proposals.every((p) => p.status === 'proposed' && p.origin === 'round')).toBe(true);
    expect(proposals.some((p) => p.expertId === gone.expertId)).toBe(false);
    const hand = proposals.filter((p) => p.placedBy === 'hand');
    expect(hand.length).toBe(1);
    expect(await draftOf(roundId)).toEqual([]);
    const { report } = await agree(roundId, 'once published');
    expect(report.lifecycle).toMatchObject({ publishedBy: ALICE });
    expect(report.handPlaced).toEqual([{ expertId: hand[0].expertId, projectId: hand[0].projectId, status: 'proposed' }]);
  });

  it('takes answers, then withdraws the pending proposals with the reason (accepted stays), frees the capacity and mails each coordinator once', async () => {
    const publishedRevision = (await round(roundId)).revision;
    const proposals = await assignmentsOf(roundId, 'proposed');
    const fdu = proposals.find((p) => p.universityId === 'fdu')!;
    const sjtu = proposals.find((p) => p.universityId === 'sjtu')!;
    const coordinator = (u: string) => stack.authorization('coordinator', { university: u });
    expect((await requestJson('POST', `${url('matching')}/universities/fdu/assignments/${fdu.assignmentId}/accept`, undefined, await coordinator('fdu'))).status).toBe(200);
    const declined = await requestJson('POST', `${url('matching')}/universities/sjtu/assignments/${sjtu.assignmentId}/decline`, { reason: 'schedule_conflict' }, await coordinator('sjtu'));
    expect(declined.status).toBe(200);
    // The decline is re-matched (a replacement, or an explained gap) before the withdrawal.
    // A re-match always answers a decline (a replacement, or an explained gap) and bumps the revision.
    await until('the decline to be re-matched', async () => ((await round(roundId)).revision > publishedRevision ? true : undefined));
    await agree(roundId, 'after the answers');

    const capacityBefore = (await post('/rounds/preflight', { scope: huangpu })).body.byKind.reduce((n: number, k: { capacity: number }) => n + k.capacity, 0);
    const pending = await assignmentsOf(roundId, 'proposed');
    const withdrawn = await post(`/rounds/${roundId}/withdraw`, { reason: 'the round used last season’s limits' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.round.status).toBe('withdrawn');
    expect(withdrawn.body.withdrawal).toEqual({ withdrawn: pending.length, kept: 1 });
    const after = await assignmentsOf(roundId);
    expect(after.filter((p) => p.status === 'accepted').map((p) => p.assignmentId)).toEqual([fdu.assignmentId]);
    for (const p of after.filter((x) => pending.some((y) => y.assignmentId === x.assignmentId))) {
      expect(p).toMatchObject({ status: 'withdrawn', withdrawReason: 'the round used last season’s limits' });
    }
    // Coordinators see their withdrawn proposals as such.
    const seen: AssignmentSnapshotV1[] = (await requestJson('GET', `${url('matching')}/universities/sjtu/assignments?roundId=${roundId}`, undefined, await coordinator('sjtu'))).body.assignments;
    expect(seen.filter((p) => p.status === 'withdrawn').length).toBe(pending.filter((p) => p.universityId === 'sjtu').length);
    // The capacity goes back to later rounds.
    const capacityAfter = (await post('/rounds/preflight', { scope: huangpu })).body.byKind.reduce((n: number, k: { capacity: number }) => n + k.capacity, 0);
    expect(capacityAfter).toBe(capacityBefore + pending.length);

    for (const [status, path, code] of [
      [409, 'withdraw', 'round_not_published'],
      [409, 'publish', 'round_not_draft'],
      [409, 'cancel', 'round_not_cancellable'],
    ] as const) {
      const res = await post(`/rounds/${roundId}/${path}`, path === 'withdraw' ? { reason: 'again' } : {});
      expect([res.status, res.body.error.code, res.body.error.message]).toEqual([status, code, `round ${roundId} was withdrawn: cannot ${path} it`]);
    }

    const { report } = await agree(roundId, 'after the withdrawal');
    expect(report.totals.assignments).toMatchObject({ accepted: 1, withdrawn: pending.length });
    expect(report.lifecycle).toMatchObject({ endedBy: ALICE, endReason: 'the round used last season’s limits' });

    const universities = [...new Set(pending.map((p) => p.universityId))].sort();
    const mails = await until('one withdrawal mail per university', async () => {
      const ms = (await inbox.mails()).filter((m) => m.headers['x-civic-kind'] === 'withdrawal');
      return ms.length === universities.length ? ms : undefined;
    });
    expect(mails.map((m) => m.headers['x-civic-cause']).sort()).toEqual(universities.map((u) => `withdrawal:${roundId}:${u}`));
    for (const m of mails) {
      const university = m.headers['x-civic-cause'].split(':')[2] as keyof typeof COORDINATORS;
      expect(m.to).toContain(COORDINATORS[university].email);
      expect(m.text).toContain('the round used last season’s limits');
    }
    // Every transition of the round is an event, in order.
    const events = (await feed(['round.started', 'round.drafted', 'round.edited', 'round.published', 'round.completed', 'round.withdrawn'])).filter((e) => e.key === roundId);
    expect(events.map((e) => e.type)).toEqual(['round.started', 'round.drafted', 'round.edited', 'round.edited', 'round.edited', 'round.published', 'round.completed', 'round.withdrawn']);
    expect(events[5].payload).toMatchObject({ publishedBy: ALICE, resolved: true });
    expect((await feed(['assignment.withdrawn'])).filter((e) => (e.payload as AssignmentSnapshotV1).roundId === roundId)).toHaveLength(pending.length);
  });

  it('withdraws accepted assignments too when asked (includeAccepted): every one taken back with the reason, all the capacity returned', async () => {
    const started = await post('/rounds', { scope: huangpu, publishAtOnce: true });
    expect(started.status).toBe(202);
    const id: string = started.body.roundId;
    await settled(id, 'completed');
    const proposals = await assignmentsOf(id, 'proposed');
    expect(proposals.length).toBeGreaterThan(1);
    const taken = proposals[0];
    const accept = await requestJson(
      'POST',
      `${url('matching')}/universities/${taken.universityId}/assignments/${taken.assignmentId}/accept`,
      undefined,
      await stack.authorization('coordinator', { university: taken.universityId }),
    );
    expect(accept.status).toBe(200);
    const capacity = async () => (await post('/rounds/preflight', { scope: huangpu })).body.byKind.reduce((n: number, k: { capacity: number }) => n + k.capacity, 0);
    const capacityBefore = await capacity();

    const withdrawn = await post(`/rounds/${id}/withdraw`, { reason: 'the projects were merged', includeAccepted: true });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawal).toEqual({ withdrawn: proposals.length, kept: 0 });
    const after = await assignmentsOf(id);
    expect(after.map((a) => [a.assignmentId, a.status, a.withdrawReason]).sort()).toEqual(
      proposals.map((a) => [a.assignmentId, 'withdrawn', 'the projects were merged']).sort(),
    );
    expect(await capacity()).toBe(capacityBefore + proposals.length);
    const { report } = await agree(id, 'after withdrawing the accepted assignment too');
    expect(report.totals.assignments).toMatchObject({ accepted: 0, withdrawn: proposals.length });
  });

  it("refuses a hand pin that takes a university past its project limit (422 universityLimit), and applies nothing", async () => {
    const started = await post('/rounds', { scope: huangpu, options: { teamPolicy: 'one-university', universityLimits: { sjtu: { maxProjects: 0 } } } });
    expect(started.status).toBe(202);
    const id: string = started.body.roundId;
    const drafted = await settled(id, 'draft');
    const draft = await draftOf(id);
    expect(draft.some((a) => a.universityId === 'sjtu')).toBe(false);
    const [teacher] = (await requestJson('GET', `${url('expert-pool')}/experts?universityId=sjtu&kind=teacher&available=true`)).body.items;
    const projects: string[] = (await requestJson('GET', `${url('project-registry')}/projects?districtId=huangpu`)).body.items.map((p: { projectId: string }) => p.projectId);
    // The batch takes a project's fdu team off and pins sjtu's teacher there: one university per team holds, the limit does not.
    // (Not the project where fdu's accepted assignment of the first round is held: its team is fdu's for good.)
    const held = new Set((await assignmentsOf(roundId, 'accepted')).map((a) => a.projectId));
    const target = projects.find((p) => !held.has(p) && draft.some((a) => a.projectId === p))!;
    const edits = [
      ...draft.filter((a) => a.projectId === target).map((a) => ({ op: 'remove', expertId: a.expertId, projectId: target })),
      { op: 'pin', expertId: teacher.expertId, projectId: target },
    ];
    const refused = await post(`/rounds/${id}/edits`, { revision: drafted.revision, reason: 'sjtu offered a teacher', edits });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'edit_breaks_rule']);
    expect(refused.body.error.details).toEqual([
      { field: 'edits', rule: 'universityLimit', message: 'options.universityLimits.sjtu.maxProjects: 1 project has pinned members of sjtu, more than its limit 0' },
    ]);
    expect(await draftOf(id)).toEqual(draft);
    expect((await round(id)).revision).toBe(drafted.revision);
  });
});
