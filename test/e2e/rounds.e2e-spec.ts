import { generateSeason } from '@civic/catalogue';
import type { AssignmentSnapshotV1, EventEnvelope } from '@civic/contracts';
import { plainFetch, requestJson, ServiceStack, waitFor } from '@civic/testing';
import { importSeasonAndWait } from '../support/season';

/**
 * A Shanghai round through the four real services and the real broker: the season is imported, an administrator
 * starts a city-wide optimal round, every project gets at least its minimum team where the data allows, reporting's
 * figures (built only from events) equal matching's, a decline brings a replacement proposal and a consistent
 * report, a stable what-if round gives the optimal-versus-stable comparison, and unanswered proposals expire.
 */
describe('rounds: a Shanghai round end to end', () => {
  const season = generateSeason({ seed: 1, scale: 1 });
  let stack: ServiceStack;
  let matching: string;
  let reporting: string;
  let roundId: string;
  let postToReportMs: number;

  const assignmentsOf = async (id: string, status?: string): Promise<AssignmentSnapshotV1[]> =>
    (await requestJson('GET', `${matching}/rounds/${id}/assignments${status ? `?status=${status}` : ''}`)).body;

  /** Waits until reporting's derived figures equal matching's live ones; returns both. */
  const consistentReport = async (id: string, what: string) =>
    waitFor(
      what,
      async () => {
        const [round, report] = await Promise.all([requestJson('GET', `${matching}/rounds/${id}`), requestJson('GET', `${reporting}/rounds/${id}/report`)]);
        if (report.status !== 200 || !report.body.complete || !round.body.summary) return undefined;
        const f = round.body.summary.figures;
        const t = report.body.totals;
        const same =
          t.coveredSlots === f.coveredSlots &&
          t.requiredSlots === f.requiredSlots &&
          t.weight === f.weight &&
          JSON.stringify(t.assignments) === JSON.stringify(f.assignments) &&
          report.body.rematches === round.body.revision - 2;
        return same ? { round: round.body, report: report.body } : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );

  beforeAll(async () => {
    stack = await ServiceStack.start({ env: { SWEEP_INTERVAL_MS: '500', REMATCH_BATCH_MS: '300' } });
    matching = stack.service('matching').url;
    reporting = stack.service('reporting').url;
    await importSeasonAndWait(season, { registryUrl: stack.service('project-registry').url, expertPoolUrl: stack.service('expert-pool').url, matchingUrl: matching });
    // Reporting drains the import's 1,546 events first, so the round below is timed on its own.
    await waitFor(
      "reporting's feed to hold the import",
      async () => (await requestJson('GET', `${reporting}/events?after=${175 + 1371 - 1}&limit=1`)).body.events.length === 1,
      { timeoutMs: 120_000, intervalMs: 250 },
    );
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs a city-wide optimal round through its phases; a repeated key returns the same round and the scope is locked meanwhile', async () => {
    const started = Date.now();
    const first = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true }, { 'idempotency-key': 'e2e-city-optimal' });
    expect(first.status).toBe(202);
    expect(first.headers.get('location')).toBe(`/rounds/${first.body.roundId}`);
    roundId = first.body.roundId;
    expect(first.body).toMatchObject({ status: 'running', strategy: 'optimal', dryRun: false, scope: { key: 'city', districtIds: null } });

    const again = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true }, { 'idempotency-key': 'e2e-city-optimal' });
    expect(again.status).toBe(200);
    expect(again.body.roundId).toBe(roundId);
    const reused = await requestJson('POST', `${matching}/rounds`, { strategy: 'stable' }, { 'idempotency-key': 'e2e-city-optimal' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const busy = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal' });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'round_in_progress' });
    expect(busy.body.error.message).toContain(roundId);

    const phases = new Set<string>();
    const done = await waitFor(
      'the round to complete',
      async () => {
        const { body } = await requestJson('GET', `${matching}/rounds/${roundId}`);
        phases.add(body.phase);
        if (body.status === 'failed') throw new Error(`round failed: ${body.error}`);
        return body.status === 'completed' ? body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 20 },
    );
    await waitFor(
      'the complete report in reporting',
      async () => (await requestJson('GET', `${reporting}/rounds/${roundId}/report`)).body?.complete === true,
      { timeoutMs: 120_000, intervalMs: 50 },
    );
    postToReportMs = Date.now() - started;
    console.log(`POST /rounds -> complete report: ${postToReportMs} ms; round timings ${JSON.stringify(done.timings)}; phases seen ${[...phases].join(' > ')}`);

    expect(done.phase).toBe('done');
    expect(done.progress.fraction).toBe(1);
    expect([...phases].every((p) => ['snapshot', 'scoring', 'solving', 'storing', 'publishing', 'done'].includes(p))).toBe(true);
    expect(done.timings).toEqual(expect.objectContaining({ snapshotMs: expect.any(Number), solvingMs: expect.any(Number), totalMs: expect.any(Number) }));
    expect(done.summary.figures).toMatchObject({ projects: 175, experts: 1371 });
    expect(done.summary.objective.coverage).toBe(done.summary.figures.coveredSlots);
  });

  it('gives every project at least its minimum team where the data allows', async () => {
    const { body: round } = await requestJson('GET', `${matching}/rounds/${roundId}`);
    const assignments = await assignmentsOf(roundId);
    expect(assignments).toHaveLength(round.summary.figures.assignments.total);
    const explained = new Set(round.summary.engineUnderfilled.map((u: { projectId: string; kind: string }) => `${u.projectId}/${u.kind}`));
    for (const p of season.projects) {
      for (const kind of ['teacher', 'student'] as const) {
        const n = assignments.filter((a) => a.projectId === p.id && a.expertKind === kind).length;
        if (!explained.has(`${p.id}/${kind}`)) expect({ project: p.id, kind, n: Math.max(n, p.slots[kind].min) }).toEqual({ project: p.id, kind, n });
        expect(n).toBeLessThanOrEqual(p.slots[kind].max);
      }
    }
    // The season's minimums fit its capacity: the optimum covers every one of them.
    expect(round.summary.figures.coveredSlots).toBe(round.summary.figures.requiredSlots);
    expect(round.summary.unfilled).toEqual([]);
    for (const a of assignments) expect(a).toMatchObject({ status: 'proposed', origin: 'round', revision: 1 });
  });

  it("reporting's figures, built only from events, equal matching's", async () => {
    const { round, report } = await consistentReport(roundId, 'reporting to agree with matching');
    expect(report).toMatchObject({ status: 'completed', strategy: 'optimal', dryRun: false, complete: true });
    expect(report.totals.projects).toBe(175);
    expect(report.declared.objective).toEqual(round.summary.objective);
    expect(report.unfilled).toEqual([]);

    const assignments = await assignmentsOf(roundId);
    const byDistrict = new Map<string, number>();
    for (const a of assignments) byDistrict.set(a.districtId, (byDistrict.get(a.districtId) ?? 0) + 1);
    expect(report.byDistrict).toHaveLength(16);
    for (const d of report.byDistrict) expect(d.assigned).toBe(byDistrict.get(d.key) ?? 0);
    const byUniversity = new Map<string, number>();
    for (const a of assignments) byUniversity.set(a.universityId, (byUniversity.get(a.universityId) ?? 0) + 1);
    expect(report.byUniversity).toHaveLength(10);
    for (const u of report.byUniversity) {
      expect(u.proposed).toBe(byUniversity.get(u.key) ?? 0);
      expect(u.capacity).toBeGreaterThanOrEqual(u.proposed);
    }
    expect(report.byIssueType.reduce((s: number, g: { projects: number }) => s + g.projects, 0)).toBe(175);
    expect(report.byDiscipline.reduce((s: number, g: { proposed: number }) => s + g.proposed, 0)).toBe(assignments.length);

    const csv = await fetch(`${reporting}/rounds/${roundId}/assignments.csv`).then(async (r) => ({ type: r.headers.get('content-type'), text: await r.text() }));
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.trim().split('\r\n')).toHaveLength(assignments.length + 1);
    const districtsCsv: Response = await fetch(`${reporting}/rounds/${roundId}/report.csv?table=districts`);
    const bytes = Buffer.from(await districtsCsv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const districts = bytes.subarray(3).toString('utf8');
    expect(districts.split('\r\n')[0]).toBe('key,projects,projectsAtMinimum,requiredSlots,coveredSlots,coverageRatio,maxSlots,assigned,fillRatio,accepted');
    expect(districts.trim().split('\r\n')).toHaveLength(17);
  });

  it('a decline brings a replacement proposal through a minimal re-match, and the report stays consistent', async () => {
    const { body: page } = await requestJson('GET', `${matching}/universities/fdu/assignments?roundId=${roundId}&status=proposed&kind=student`);
    expect(page.assignments.length).toBeGreaterThan(1);
    expect(page.assignments.every((a: AssignmentSnapshotV1) => a.universityId === 'fdu')).toBe(true);
    const [toDecline, toAccept] = page.assignments as AssignmentSnapshotV1[];

    const accepted = await requestJson('POST', `${matching}/universities/fdu/assignments/${toAccept.assignmentId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', revision: 2 });
    expect((await requestJson('POST', `${matching}/universities/fdu/assignments/${toAccept.assignmentId}/accept`)).body.revision).toBe(2);
    const wrongUniversity = await requestJson('POST', `${matching}/universities/sjtu/assignments/${toDecline.assignmentId}/decline`, { reason: 'other' });
    expect(wrongUniversity.status).toBe(404);
    const noReason = await requestJson('POST', `${matching}/universities/fdu/assignments/${toDecline.assignmentId}/decline`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.map((d: { field: string }) => d.field)).toContain('reason');

    const declined = await requestJson('POST', `${matching}/universities/fdu/assignments/${toDecline.assignmentId}/decline`, {
      reason: 'schedule_conflict',
      note: '周末有课',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'schedule_conflict', revision: 2 });
    const late = await requestJson('POST', `${matching}/universities/fdu/assignments/${toDecline.assignmentId}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('already_decided');

    const replacements = await waitFor(
      'a replacement proposal',
      async () => {
        const list = (await assignmentsOf(roundId, 'proposed')).filter((a) => a.origin === 'rematch');
        return list.length ? list : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const replacement = replacements.find((a) => a.projectId === toDecline.projectId && a.expertKind === 'student')!;
    expect(replacement).toMatchObject({ status: 'proposed', revision: 1 });
    expect(replacement.expertId).not.toBe(toDecline.expertId);

    const { round, report } = await consistentReport(roundId, 'reporting to agree after the decline');
    expect(round.summary.figures.coveredSlots).toBe(round.summary.figures.requiredSlots);
    expect(report.totals.assignments).toMatchObject({ accepted: 1, declined: 1, expired: 0 });
    expect(report.totals.acceptanceRate).toBe(0.5);
    expect(report.declineReasons).toEqual([{ reason: 'schedule_conflict', count: 1 }]);
    expect(report.rematches).toBe(1);
    expect(report.unfilled).toEqual([]);
    const fdu = report.byUniversity.find((u: { key: string }) => u.key === 'fdu');
    expect(fdu).toMatchObject({ accepted: 1, declined: 1 });

    const feed = await requestJson('GET', `${reporting}/events?types=round.rematched,assignment.declined`);
    const rematched = feed.body.events.find((e: EventEnvelope) => e.type === 'round.rematched') as EventEnvelope<string, any>;
    expect(rematched.payload).toMatchObject({ roundId, freedAssignmentIds: [toDecline.assignmentId], changedAssignments: 0 });
    expect(rematched.payload.proposedAssignmentIds).toContain(replacement.assignmentId);
    expect(feed.body.events.find((e: EventEnvelope) => e.type === 'assignment.declined').key).toBe(toDecline.assignmentId);
  });

  it('the event feed streams as server-sent events, resumable from a cursor', async () => {
    const controller = new AbortController();
    const res = await fetch(`${reporting}/events/stream?types=round.started,round.completed,round.rematched`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/\nevent: /g) ?? []).length < 3) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const events = text.split('\n\n').filter((b) => b.includes('event: '));
    expect(events.map((b) => /event: (.*)/.exec(b)![1]).slice(0, 3)).toEqual(['round.started', 'round.completed', 'round.rematched']);
    const secondId = /id: (\d+)/.exec(events[1])![1];

    const resumed = new AbortController();
    const again = await fetch(`${reporting}/events/stream?types=round.started,round.completed,round.rematched`, {
      headers: { 'last-event-id': secondId },
      signal: resumed.signal,
    });
    const r2 = again.body!.getReader();
    let text2 = '';
    while (!text2.includes('\nevent: ')) text2 += new TextDecoder().decode((await r2.read()).value);
    resumed.abort();
    expect(/event: (.*)/.exec(text2)![1]).toBe('round.rematched');
  });

  it('ends an event stream when its token expires, saying so in a last event', async () => {
    const token = await stack.token('service', { ttl: 3 });
    const opened = Date.now();
    const res = await plainFetch(`${reporting}/events/stream?types=round.started`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    // Resolves only when the server ends the stream.
    const text = await res.text();
    expect(Date.now() - opened).toBeGreaterThan(1000);
    const messages = text.split('\n\n').filter((m) => m.includes('event: '));
    expect(messages.slice(0, -1).every((m) => m.includes('event: round.started'))).toBe(true);
    expect(messages.at(-1)).toMatch(/^event: token-expired\ndata: \{"message":"the bearer token has expired/);
  });

  it('a stable what-if round proposes nothing and gives reporting the optimal-versus-stable comparison', async () => {
    const before = (await requestJson('GET', `${reporting}/events?types=assignment.proposed&limit=1000`)).body.events.length;
    const started = await requestJson('POST', `${matching}/rounds`, { strategy: 'stable', dryRun: true });
    expect(started.status).toBe(202);
    const dry = await waitFor(
      'the what-if round',
      async () => {
        const { body } = await requestJson('GET', `${matching}/rounds/${started.body.roundId}`);
        return body.status === 'completed' ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    expect(dry.summary.figures.assignments.total).toBeGreaterThan(0);
    expect(await assignmentsOf(started.body.roundId)).toEqual([]);

    const report = await waitFor(
      'the comparison in the report',
      async () => (await requestJson('GET', `${reporting}/rounds/${roundId}/report`)).body.comparison ?? undefined,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(report.optimal.roundId).toBe(roundId);
    expect(report.stable).toMatchObject({ roundId: started.body.roundId, dryRun: true, coverage: dry.summary.objective.coverage, weight: dry.summary.objective.weight });
    expect(report.priceOfStability.coverage).toBeGreaterThanOrEqual(0);
    expect(report.priceOfStability.weight).toBeGreaterThanOrEqual(0);
    const dryReport = (await requestJson('GET', `${reporting}/rounds/${started.body.roundId}/report`)).body;
    expect(dryReport).toMatchObject({ dryRun: true, complete: true, totals: null });
    const after = (await requestJson('GET', `${reporting}/events?types=assignment.proposed&limit=1000`)).body.events.length;
    expect(after).toBe(before);
  });

  it('answers errors in the one shape and serves OpenAPI on every service', async () => {
    const bad = await requestJson('POST', `${matching}/rounds`, { scope: { districtIds: ['atlantis'] }, options: { maxPerDiscipline: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['scope.districtIds', 'options.maxPerDiscipline']));
    expect(bad.body.correlationId).toEqual(expect.any(String));
    const missing = await requestJson('GET', `${matching}/rounds/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const notUuid = await requestJson('GET', `${reporting}/rounds/nope/report`);
    expect(notUuid.status).toBe(400);
    const badTable = await requestJson('GET', `${reporting}/rounds/${roundId}/report.csv?table=everything`);
    expect(badTable.body.error.details[0].field).toBe('table');
    for (const service of stack.services.values()) {
      const doc = await requestJson('GET', `${service.url}/docs/openapi.json`);
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths).length).toBeGreaterThan(1);
    }
    const matchingDoc = (await requestJson('GET', `${matching}/docs/openapi.json`)).body;
    expect(Object.keys(matchingDoc.paths)).toEqual(
      expect.arrayContaining(['/rounds', '/rounds/{id}', '/universities/{universityId}/assignments', '/universities/{universityId}/assignments/{assignmentId}/decline']),
    );
    const metrics = await fetch(`${matching}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/matching_rounds_finished_total\{[^}]*status="completed"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/matching_assignment_decisions_total\{[^}]*status="declined"[^}]*\} 1/);
    const reportingDoc = (await requestJson('GET', `${reporting}/docs/openapi.json`)).body;
    expect(Object.keys(reportingDoc.paths)).toEqual(expect.arrayContaining(['/rounds/{id}/report', '/rounds/{id}/report.csv', '/events', '/events/stream']));
    expect(reportingDoc.paths['/rounds/{id}/report'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/RoundReportDoc$/);
    expect(matchingDoc.paths['/rounds/{id}'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/RoundViewDoc$/);
  });

  it('a later round fills only what earlier rounds left; its proposals left unanswered expire and are re-matched like declines', async () => {
    // The city round holds every Chongming team it could fill, so two projects registered since are what a Chongming
    // round has left to fill (with the experts' capacity the city round left).
    const registry = stack.service('project-registry').url;
    const model = season.projects.find((p) => p.districtId === 'chongming')!;
    const late: string[] = [];
    for (const key of ['LATE-CM-1', 'LATE-CM-2']) {
      const res = await requestJson('POST', `${registry}/projects`, {
        externalKey: key,
        name: `崇明新项目 ${key}（合成）`,
        districtId: 'chongming',
        streetCode: model.streetCode,
        communityType: model.communityType,
        issueTypes: model.issueTypes,
        slots: { teacher: { min: 1, max: 2 }, student: { min: 1, max: 2 } },
      });
      expect(res.status).toBe(201);
      late.push(res.body.projectId);
    }
    await waitFor("matching's read model to hold the new projects", async () => (await requestJson('GET', `${matching}/read-model/summary`)).body.projects.active === 177, {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    const cityHeld = (await assignmentsOf(roundId)).filter((a) => a.status === 'proposed' || a.status === 'accepted');
    const started = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true, scope: { districtIds: ['chongming'] }, options: { responseWindowSeconds: 2 } });
    expect(started.status).toBe(202);
    const id = started.body.roundId;
    const first = await waitFor('the Chongming round to complete', async () => {
      const { body } = await requestJson('GET', `${matching}/rounds/${id}`);
      return body.status === 'completed' ? body : undefined;
    });
    const own = (await assignmentsOf(id)).filter((a) => a.origin === 'round');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((a) => late.includes(a.projectId))).toBe(true);
    expect(first.summary.figures.assignments.total).toBe(own.length);
    // Nobody is proposed beyond their capacity across the two rounds.
    const capacity = new Map(season.students.concat(season.teachers).map((e) => [e.id, e.capacity]));
    const keyOf = new Map<string, string>();
    for (const kind of ['teacher', 'student'] as const) {
      for (let page = 1; ; page++) {
        const { body } = await requestJson('GET', `${stack.service('expert-pool').url}/experts?kind=${kind}&pageSize=200&page=${page}`);
        for (const e of body.items) keyOf.set(e.expertId, e.externalKey);
        if (body.items.length < 200) break;
      }
    }
    const load = new Map<string, number>();
    for (const a of [...cityHeld, ...own]) load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
    for (const [expertId, n] of load) expect(n).toBeLessThanOrEqual(capacity.get(keyOf.get(expertId)!)!);

    const report = await waitFor(
      'expired proposals and a re-match in the report',
      async () => {
        const { body } = await requestJson('GET', `${reporting}/rounds/${id}/report`);
        return body?.totals?.assignments.expired > 0 && body.rematches > 0 ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(report.declineReasons.find((r: { reason: string }) => r.reason === 'expired').count).toBeGreaterThan(0);
    const expired = await assignmentsOf(id, 'expired');
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((a) => a.decidedAt !== null && a.declineReason === null)).toBe(true);
    expect((await assignmentsOf(id)).some((a) => a.origin === 'rematch')).toBe(true);
  });

  it('a round whose scope has no active project fails with round.failed, and frees its scope', async () => {
    const registry = stack.service('project-registry').url;
    const { body: page } = await requestJson('GET', `${registry}/projects?districtId=huangpu&pageSize=100`);
    expect(page.items.length).toBeGreaterThan(0);
    for (const p of page.items) expect((await requestJson('POST', `${registry}/projects/${p.projectId}/withdraw`)).status).toBe(200);
    await waitFor(
      'the withdrawals in matching',
      async () => (await requestJson('GET', `${matching}/read-model/summary`)).body.projects.withdrawn === page.items.length,
      { timeoutMs: 30_000, intervalMs: 100 },
    );

    const started = await requestJson('POST', `${matching}/rounds`, { scope: { districtIds: ['huangpu'] } });
    expect(started.status).toBe(202);
    const failed = await waitFor(
      'the round to fail',
      async () => {
        const { body } = await requestJson('GET', `${matching}/rounds/${started.body.roundId}`);
        return body.status === 'failed' ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(failed).toMatchObject({ phase: 'snapshot', summary: null });
    expect(failed.error).toContain('no active project in scope districts:huangpu');
    const report = await waitFor(
      'the failure in reporting',
      async () => {
        const { body } = await requestJson('GET', `${reporting}/rounds/${started.body.roundId}/report`);
        return body?.status === 'failed' ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(report).toMatchObject({ complete: false, failure: { phase: 'snapshot' } });
    const again = await requestJson('POST', `${matching}/rounds`, { scope: { districtIds: ['huangpu'] } });
    expect(again.status).toBe(202);
  });
});
