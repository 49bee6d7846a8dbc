import { DISTRICTS, generateSeason, seasonUniversityLimits } from '@civic/catalogue';
import type { AssignmentSnapshotV1, EventEnvelope, ResultTeam, RoundRematchedPayloadV1 } from '@civic/contracts';
import { requestJson, ServiceStack, waitFor } from '@civic/testing';
import { importSeasonAndWait } from '../support/season';

/**
 * One-university teams through the four real services and the real broker: a mixed round holds Chongming's projects
 * (no team answers there, and no one-university round over its mixed teams: 422); a round of every other district with
 * the season's university limits gives every project the team of one university (its lead), matching's round, assignments and events and
 * reporting's report and CSV exports say which; a mixed what-if gives the price of the policy; coordinators answer
 * for a whole team (accept all, or decline the project, which a re-match gives to another university without
 * touching any other project); a member's decline is refilled from the same university; bad input gets a 400.
 */
describe('teams: one-university rounds end to end', () => {
  const season = generateSeason({ seed: 1, scale: 1 });
  const limits = seasonUniversityLimits(season);
  let stack: ServiceStack;
  let matching: string;
  let reporting: string;
  let roundId: string;
  /** Every district but Chongming, whose projects hold the mixed teams of an earlier round. */
  const scope = { districtIds: DISTRICTS.map((d) => d.id).filter((d) => d !== 'chongming') };
  /** Projects an earlier test answered for: each test takes a team nobody touched. */
  const answered: string[] = [];

  const active = async (): Promise<AssignmentSnapshotV1[]> => (await requestJson('GET', `${matching}/rounds/${roundId}/assignments?status=proposed,accepted`)).body;
  const round = async () => (await requestJson('GET', `${matching}/rounds/${roundId}`)).body;
  const byProject = (assignments: readonly AssignmentSnapshotV1[]) => {
    const out = new Map<string, AssignmentSnapshotV1[]>();
    for (const a of assignments) out.set(a.projectId, [...(out.get(a.projectId) ?? []), a]);
    return out;
  };
  const pairs = (assignments: readonly AssignmentSnapshotV1[], skip: string) =>
    assignments.filter((a) => a.projectId !== skip).map((a) => `${a.projectId}/${a.expertId}/${a.status}`).sort();
  /** A project nobody answered for yet, whose team is all still proposed, preferring one with a runner-up university. */
  const untouchedTeam = async (): Promise<ResultTeam> => {
    const teams: ResultTeam[] = (await round()).summary.teams;
    const current = byProject(await active());
    const open = teams.filter((t) => !answered.includes(t.projectId) && current.has(t.projectId) && current.get(t.projectId)!.every((a) => a.status === 'proposed'));
    const team = open.find((t) => t.runnerUp !== null) ?? open[0];
    answered.push(team.projectId);
    return team;
  };
  const rematchAfter = (revision: number, what: string) =>
    waitFor(
      what,
      async () => {
        const r = await round();
        return r.revision > revision && r.summary.unfilled.every((u: { reason: string }) => u.reason !== 'rematch_pending') ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  const completeReport = (what: string, check: (report: any) => boolean) =>
    waitFor(
      what,
      async () => {
        const { status, body } = await requestJson('GET', `${reporting}/rounds/${roundId}/report`);
        return status === 200 && body.complete && check(body) ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );

  beforeAll(async () => {
    stack = await ServiceStack.start({ env: { REMATCH_BATCH_MS: '200' } });
    matching = stack.service('matching').url;
    reporting = stack.service('reporting').url;
    await importSeasonAndWait(season, { registryUrl: stack.service('project-registry').url, expertPoolUrl: stack.service('expert-pool').url, matchingUrl: matching });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses bad team options with a 400 that names the field and the rule, and starts nothing', async () => {
    const cases: Array<[unknown, string, string, string]> = [
      [{ options: { teamPolicy: 'solo' } }, 'options.teamPolicy', 'isIn', 'teamPolicy must be one of mixed, one-university'],
      [{ options: { universityLimits: { harvard: { maxProjects: 3 } } } }, 'options.universityLimits', 'universityLimits', 'unknown university: harvard'],
      [{ options: { universityLimits: { fdu: { maxProjects: -1 } } } }, 'options.universityLimits', 'universityLimits', 'universityLimits.fdu.maxProjects must be an integer 0..100000'],
      [{ options: { universityLimits: ['fdu'] } }, 'options.universityLimits', 'universityLimits', 'must be an object keyed by university id'],
      [{ strategy: 'stable', options: { teamPolicy: 'one-university' } }, 'options.teamPolicy', 'optimalOnly', 'defined for strategy optimal only'],
    ];
    for (const [body, field, rule, message] of cases) {
      const res = await requestJson('POST', `${matching}/rounds`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule, message: expect.stringContaining(message) })]));
    }
    expect((await requestJson('GET', `${matching}/rounds`)).body).toMatchObject({ items: [], total: 0 });
  });

  it('a round with mixed teams takes no team answers, and a one-university round over the mixed teams it holds is refused (422)', async () => {
    const mixed = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true, scope: { districtIds: ['chongming'] }, options: { teamPolicy: 'mixed' } });
    expect(mixed.status).toBe(202);
    await waitFor(
      'the mixed round to complete',
      async () => {
        const { body } = await requestJson('GET', `${matching}/rounds/${mixed.body.roundId}`);
        if (body.status === 'failed') throw new Error(`round failed: ${body.error}`);
        return body.status === 'completed' ? body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    const held: AssignmentSnapshotV1[] = (await requestJson('GET', `${matching}/rounds/${mixed.body.roundId}/assignments`)).body;
    const project = held[0].projectId;
    const answer = await requestJson('POST', `${matching}/universities/${held[0].universityId}/rounds/${mixed.body.roundId}/projects/${project}/accept`);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('not_one_university');

    const mixedTeams = [...byProject(held).entries()].filter(([, team]) => new Set(team.map((a) => a.universityId)).size > 1).map(([p]) => p).sort();
    expect(mixedTeams.length).toBeGreaterThan(0);
    for (const scope of [{ districtIds: ['chongming'] }, undefined]) {
      const refused = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', scope, options: { teamPolicy: 'one-university' } });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'mixed_held_teams', details: [expect.objectContaining({ field: 'options.teamPolicy', rule: 'oneUniversityPerProject' })] });
      expect(refused.body.error.message).toContain(mixedTeams[0]);
    }
    // A what-if takes no holdings, so it is not refused.
    expect((await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', dryRun: true, scope: { districtIds: ['chongming'] }, options: { teamPolicy: 'one-university' } })).status).toBe(202);
  });

  it("runs a round of every other district with one-university teams: each project's members are all of its lead university, within the limits", async () => {
    const started = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true, scope, options: { teamPolicy: 'one-university', universityLimits: limits } });
    expect(started.status).toBe(202);
    expect(started.body.options).toMatchObject({ teamPolicy: 'one-university', universityLimits: limits });
    roundId = started.body.roundId;
    const done = await waitFor(
      'the round to complete',
      async () => {
        const r = await round();
        if (r.status === 'failed') throw new Error(`round failed: ${r.error}`);
        return r.status === 'completed' ? r : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 100 },
    );
    const teams: ResultTeam[] = done.summary.teams;
    const assignments = await active();
    const members = byProject(assignments);
    expect(teams.map((t) => t.projectId).sort()).toEqual([...members.keys()].sort());
    for (const t of teams) {
      const team = members.get(t.projectId)!;
      expect(new Set(team.map((a) => a.universityId))).toEqual(new Set([t.universityId]));
      expect(t.universities).toEqual([t.universityId]);
      expect([...t.teachers, ...t.students].sort()).toEqual(team.map((a) => a.expertId).sort());
      expect(['best_team', 'shared_supply']).toContain(t.reason);
      expect(team.every((a) => a.leadUniversityId === t.universityId)).toBe(true);
    }
    const led = new Map<string, number>();
    for (const t of teams) led.set(t.universityId, (led.get(t.universityId) ?? 0) + 1);
    for (const [u, n] of led) expect(n).toBeLessThanOrEqual(limits[u].maxProjects);
    // The engine's certificate: a proven bound at least the objective, the gap it leaves, whether it is proven optimal.
    const { objective, certificate } = done.summary;
    expect(certificate.bound.coverage).toBeGreaterThanOrEqual(objective.coverage);
    if (certificate.bound.coverage === objective.coverage) {
      expect(certificate.bound.weight).toBeGreaterThanOrEqual(objective.weight);
      expect(certificate.gapPct).toBeCloseTo((100 * (certificate.bound.weight - objective.weight)) / certificate.bound.weight, 2);
    }
    expect(certificate.proven).toBe(certificate.bound.coverage === objective.coverage && certificate.bound.weight === objective.weight);
    console.log(
      `one-university round: coverage ${objective.coverage}, weight ${objective.weight}, certificate ${JSON.stringify(certificate)}, teams per university ${JSON.stringify(Object.fromEntries(led))}`,
    );
  });

  it("reporting shows each project's lead university in the report and the CSV exports, and per university what it leads", async () => {
    const report = await completeReport("reporting's report of the round", (r) => r.teams.length > 0);
    const teams: ResultTeam[] = (await round()).summary.teams;
    const assignments = await active();
    expect(report.teamPolicy).toBe('one-university');
    expect(report.declared.certificate).toEqual((await round()).summary.certificate);
    expect(report.teams.map((t: { projectId: string; leadUniversityId: string }) => [t.projectId, t.leadUniversityId])).toEqual(teams.map((t) => [t.projectId, t.universityId]));
    for (const t of report.teams) expect(t.universities).toEqual([t.leadUniversityId]);

    const led = report.byLeadUniversity as Array<{ universityId: string; projectsLed: number; maxProjects: number | null; teachers: number; students: number; peoplePlaced: number }>;
    expect(led.map((u) => u.universityId)).toEqual(Object.keys(limits).sort());
    for (const u of led) {
      const own = teams.filter((t) => t.universityId === u.universityId);
      expect(u).toMatchObject({
        projectsLed: own.length,
        maxProjects: limits[u.universityId].maxProjects,
        teachers: own.reduce((n, t) => n + t.teachers.length, 0),
        students: own.reduce((n, t) => n + t.students.length, 0),
        peoplePlaced: new Set(assignments.filter((a) => a.universityId === u.universityId).map((a) => a.expertId)).size,
      });
    }

    const teamsCsv = (await (await fetch(`${reporting}/rounds/${roundId}/report.csv?table=teams`)).text());
    const lines = teamsCsv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('projectId,districtId,leadUniversityId,universities,teachers,students,accepted,reason');
    expect(lines).toHaveLength(teams.length + 1);
    const leadCsv = (await (await fetch(`${reporting}/rounds/${roundId}/report.csv?table=lead-universities`)).text());
    expect(leadCsv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('universityId,projectsLed,maxProjects,teachers,students,averageTeamSize,peoplePlaced');
    const exported = (await (await fetch(`${reporting}/rounds/${roundId}/assignments.csv`)).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = exported[0].split(',');
    const [university, lead] = [header.indexOf('university_id'), header.indexOf('lead_university_id')];
    expect(lead).toBeGreaterThan(-1);
    expect(exported).toHaveLength(assignments.length + 1);
    for (const row of exported.slice(1)) expect(row.split(',')[lead]).toBe(row.split(',')[university]);
  });

  it('a what-if round with mixed teams gives the price of the policy, beside the price of stability', async () => {
    const started = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', dryRun: true, scope, options: { teamPolicy: 'mixed' } });
    expect(started.status).toBe(202);
    const report = await completeReport('the policy comparison', (r) => r.policyComparison?.mixed.roundId === started.body.roundId);
    const c = report.policyComparison;
    expect(c.oneUniversity).toMatchObject({ roundId, teamPolicy: 'one-university', dryRun: false });
    expect(c.mixed).toMatchObject({ teamPolicy: 'mixed', dryRun: true });
    expect(c.priceOfPolicy).toEqual({ coverage: c.mixed.coverage - c.oneUniversity.coverage, weight: c.mixed.weight - c.oneUniversity.weight });
    // Mixed teams relax the policy: never less coverage, and at equal coverage never less weight.
    expect(c.priceOfPolicy.coverage).toBeGreaterThanOrEqual(0);
    if (c.priceOfPolicy.coverage === 0) expect(c.priceOfPolicy.weight).toBeGreaterThanOrEqual(0);
    const csv = (await (await fetch(`${reporting}/rounds/${roundId}/report.csv?table=policy-comparison`)).text());
    expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(3);
    const what = (await requestJson('GET', `${reporting}/rounds/${started.body.roundId}/report`)).body;
    expect(what.teamPolicy).toBe('mixed');
    expect(what.teams.length).toBeGreaterThan(0);
    console.log(`price of the policy: ${JSON.stringify(c.priceOfPolicy)} (mixed ${c.mixed.coverage}/${c.mixed.weight}, one-university ${c.oneUniversity.coverage}/${c.oneUniversity.weight})`);
  });

  it("a coordinator accepts a whole team at once; answering it again, another university's team, or with bad input is refused", async () => {
    const team = await untouchedTeam();
    const u = team.universityId;
    const other = Object.keys(limits).find((x) => x !== u)!;
    const coordinator = await stack.authorization('coordinator', { university: u });
    const otherCoordinator = await stack.authorization('coordinator', { university: other });
    const path = (university: string, projectId = team.projectId, id = roundId) => `${matching}/universities/${university}/rounds/${id}/projects/${projectId}`;

    expect((await requestJson('POST', `${path(u)}/accept`, undefined, otherCoordinator)).status).toBe(404);
    const notTheirs = await requestJson('POST', `${path(other)}/accept`, undefined, otherCoordinator);
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.body.error.code).toBe('not_found');
    const badRound = await requestJson('POST', `${path(u, team.projectId, 'round-1')}/accept`, undefined, coordinator);
    expect(badRound.status).toBe(400);
    expect(badRound.body.error.details[0]).toMatchObject({ field: 'roundId' });

    const accepted = await requestJson('POST', `${path(u)}/accept`, undefined, coordinator);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ roundId, projectId: team.projectId, universityId: u, decision: 'accept', changed: team.teachers.length + team.students.length });
    expect(accepted.body.assignments.every((a: AssignmentSnapshotV1) => a.status === 'accepted' && a.universityId === u && a.leadUniversityId === u)).toBe(true);

    const again = await requestJson('POST', `${path(u)}/accept`, undefined, coordinator);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');
    const declineAfter = await requestJson('POST', `${path(u)}/decline`, { reason: 'other' }, coordinator);
    expect(declineAfter.status).toBe(409);
    expect(declineAfter.body.error.code).toBe('already_decided');
    await completeReport('the accepted team in the report', (r) => r.teams.find((t: { projectId: string }) => t.projectId === team.projectId)?.accepted === team.teachers.length + team.students.length);
  });

  it('two answers for one team at once: exactly one changes it, the other is refused', async () => {
    const team = await untouchedTeam();
    const url = `${matching}/universities/${team.universityId}/rounds/${roundId}/projects/${team.projectId}/accept`;
    const answers = await Promise.all([requestJson('POST', url), requestJson('POST', url)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('already_decided');
  });

  it('a university declining a project hands it to another university and changes no other project', async () => {
    const team = await untouchedTeam();
    const u = team.universityId;
    const url = `${matching}/universities/${u}/rounds/${roundId}/projects/${team.projectId}/decline`;
    const noReason = await requestJson('POST', url, { note: 'x' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.map((d: { field: string }) => d.field)).toContain('reason');

    const before = await active();
    const { revision } = await round();
    const declined = await requestJson('POST', url, { reason: 'schedule_conflict', note: '本学期无法覆盖该街道' });
    expect(declined.status).toBe(200);
    expect(declined.body.changed).toBe(team.teachers.length + team.students.length);
    expect(declined.body.assignments.every((a: AssignmentSnapshotV1) => a.status === 'declined' && a.declineReason === 'schedule_conflict')).toBe(true);

    const after = await rematchAfter(revision, 'the re-match of the declined project');
    const now = await active();
    expect(pairs(now, team.projectId)).toEqual(pairs(before, team.projectId));
    const moved = now.filter((a) => a.projectId === team.projectId);
    const newTeam = (after.summary.teams as ResultTeam[]).find((t) => t.projectId === team.projectId);
    if (moved.length > 0) {
      expect(newTeam!.universityId).not.toBe(u);
      expect(new Set(moved.map((a) => a.universityId))).toEqual(new Set([newTeam!.universityId]));
      expect(moved.every((a) => a.origin === 'rematch' && a.leadUniversityId === newTeam!.universityId)).toBe(true);
    } else {
      expect(newTeam).toBeUndefined();
      expect(after.summary.unfilled.some((s: { projectId: string }) => s.projectId === team.projectId)).toBe(true);
    }
    console.log(`declined ${team.projectId} by ${u}: now ${newTeam ? `${newTeam.universityId} (${moved.length} members)` : 'no team'}; runner-up was ${JSON.stringify(team.runnerUp)}`);

    const backAgain = await requestJson('POST', `${matching}/universities/${u}/rounds/${roundId}/projects/${team.projectId}/accept`);
    expect(backAgain.status).toBe(409);
    expect(backAgain.body.error.code).toBe('already_decided');

    const report = await completeReport('the report after the re-match', (r) => r.rematches >= 1 && r.teams.find((t: { projectId: string }) => t.projectId === team.projectId)?.leadUniversityId !== u);
    expect(report.declineReasons).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'schedule_conflict' })]));
    const feed = await requestJson('GET', `${reporting}/events?types=round.rematched`);
    const rematched = (feed.body.events as Array<EventEnvelope<string, RoundRematchedPayloadV1>>).map((e) => e.payload).find((p) => p.universityDeclines?.length);
    expect(rematched!.universityDeclines).toEqual([{ projectId: team.projectId, universityId: u, reason: 'schedule_conflict', note: '本学期无法覆盖该街道' }]);
    expect(rematched!.teams!.find((t) => t.projectId === team.projectId)?.universityId).toBe(newTeam?.universityId);
  });

  it("a member's decline is refilled from the project's lead university only, changing no other project", async () => {
    const team = await untouchedTeam();
    const before = await active();
    const member = before.find((a) => a.projectId === team.projectId && a.expertKind === 'student')!;
    const { revision } = await round();
    const declined = await requestJson('POST', `${matching}/universities/${team.universityId}/assignments/${member.assignmentId}/decline`, { reason: 'unavailable' });
    expect(declined.status).toBe(200);
    const after = await rematchAfter(revision, "the re-match of the member's slot");
    const now = await active();
    expect(pairs(now, team.projectId)).toEqual(pairs(before, team.projectId));
    const members = now.filter((a) => a.projectId === team.projectId);
    expect(new Set(members.map((a) => a.universityId))).toEqual(new Set([team.universityId]));
    expect(members.some((a) => a.expertId === member.expertId)).toBe(false);
    const kept = (after.summary.teams as ResultTeam[]).find((t) => t.projectId === team.projectId)!;
    expect(kept.universityId).toBe(team.universityId);
    const refill = members.filter((a) => !before.some((b) => b.assignmentId === a.assignmentId));
    console.log(`member decline on ${team.projectId} (${team.universityId}): ${refill.length} refill(s) from ${[...new Set(refill.map((a) => a.universityId))].join(', ') || 'nobody'}`);
  });

  it("a limit below what a university already holds in the scope is refused up front (422), naming the university", async () => {
    const held = (await active()).filter((a) => a.districtId === 'pudong');
    const university = held[0].universityId;
    const projects = new Set(held.filter((a) => a.universityId === university).map((a) => a.projectId)).size;
    const res = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', scope: { districtIds: ['pudong'] }, options: { universityLimits: { [university]: { maxProjects: projects - 1 } } } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'limit_below_held', details: [expect.objectContaining({ field: `options.universityLimits.${university}.maxProjects`, rule: 'notBelowHeld' })] });
    expect(res.body.error.message).toContain(`holds people on ${projects} projects`);
  });
});
