import type { AssignmentSnapshotV1 } from '@civic/contracts';
import { MailInbox, ReceivedMail, requestJson, SERVICE_NAMES, ServiceStack, waitFor } from '@civic/testing';

/** Seconds a coordinator has to answer in this test, and the reminders before that (the shortened clock). */
const WINDOW_S = 60;
const REMINDERS = '40s,20s';
const COORDINATORS = {
  fdu: { email: 'fdu-office@example.org', name: '王老师（合成）', language: 'zh-CN' },
  sjtu: { email: 'sjtu-office@example.org', name: 'Ms Li (synthetic)', language: 'en' },
} as const;
const ADMIN = 'admin@example.org';

const causeOf = (m: ReceivedMail) => m.headers['x-civic-cause'] ?? '';
const kindOf = (m: ReceivedMail) => m.headers['x-civic-kind'] ?? '';

/**
 * Notifications through the five real services, the real broker and a real SMTP server (MailDev): coordinators set
 * in expert-pool, a real round, one digest per university in its coordinator's language with exactly its proposals,
 * the administrators' mail, reminders at the configured times before the deadline (a shortened clock) and none after
 * an answer, a kill -9 and restart of notifications in the middle, a re-match mail, an expiry notice, exactly one mail
 * per cause and recipient, and the response figures in reporting.
 */
describe('notifications: mails from a round end to end', () => {
  let inbox: MailInbox;
  let stack: ServiceStack;
  let roundId: string;
  let deadline: Date;
  let proposals: AssignmentSnapshotV1[];
  const projectNames = new Map<string, { zh: string; en: string }>();
  const url = (s: (typeof SERVICE_NAMES)[number]) => stack.service(s).url;

  beforeAll(async () => {
    inbox = await MailInbox.start();
    stack = await ServiceStack.start({
      names: SERVICE_NAMES,
      serviceEnv: {
        matching: { SWEEP_INTERVAL_MS: '500', REMATCH_BATCH_MS: '200' },
        notifications: {
          SMTP_URL: inbox.smtpUrl,
          ADMIN_EMAILS: ADMIN,
          REMINDERS_BEFORE_DEADLINE: REMINDERS,
          NOTICE_POLL_MS: '200',
          EXPIRY_NOTICE_DELAY_MS: '1000',
          MAIL_RETRY_BASE_MS: '200',
          MAIL_RETRY_MAX_MS: '1000',
        },
      },
    });
    for (const [university, c] of Object.entries(COORDINATORS)) {
      const res = await requestJson('PUT', `${url('expert-pool')}/universities/${university}/coordinators`, { coordinators: [c] });
      expect(res.status).toBe(200);
    }
    // Three projects of one district, one teacher and one student each; nine experts, so a decline has a replacement.
    for (let i = 1; i <= 3; i++) {
      const names = { zh: `西凌社区微更新 ${i}（合成）`, en: `Xiling micro-renewal ${i} (synthetic)` };
      const res = await requestJson('POST', `${url('project-registry')}/projects`, {
        externalKey: `NOTIFY-P-${stack.runId}-${i}`,
        name: names.zh,
        nameEn: names.en,
        districtId: 'huangpu',
        streetCode: '310101015',
        communityType: 'residential',
        issueTypes: ['property_governance'],
        wantedDisciplines: [],
        slots: { teacher: { min: 1, max: 1 }, student: { min: 1, max: 1 } },
      });
      expect(res.status).toBe(201);
      projectNames.set(res.body.projectId, names);
    }
    const experts = [
      ...['teacher', 'teacher', 'teacher', 'student', 'student'].map((kind) => ({ kind, universityId: 'fdu', collegeId: 'fdu_ssdpp', disciplines: ['sociology'] })),
      ...['teacher', 'teacher', 'student', 'student'].map((kind) => ({ kind, universityId: 'sjtu', collegeId: 'sjtu_sipa', disciplines: ['public_admin'] })),
    ];
    for (const [i, e] of experts.entries()) {
      const res = await requestJson('POST', `${url('expert-pool')}/experts`, {
        ...e,
        externalKey: `NOTIFY-E-${stack.runId}-${i}`,
        name: `专家${i}（合成）`,
        nameEn: `Expert ${i} (synthetic)`,
        capacity: 1,
      });
      expect(res.status).toBe(201);
    }
    await waitFor(
      "matching's read model to hold the records",
      async () => {
        const { body } = await requestJson('GET', `${url('matching')}/read-model/summary`);
        return body.projects.active === 3 && body.experts.teachers === 5 && body.experts.students === 4;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const started = await requestJson('POST', `${url('matching')}/rounds`, {
      strategy: 'optimal',
      publishAtOnce: true,
      options: { maxDistanceKm: null, maxPerDiscipline: 3, responseWindowSeconds: WINDOW_S },
    });
    expect(started.status).toBe(202);
    roundId = started.body.roundId;
    await waitFor('the round to complete', async () => (await requestJson('GET', `${url('matching')}/rounds/${roundId}`)).body.status === 'completed', {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    proposals = (await requestJson('GET', `${url('matching')}/rounds/${roundId}/assignments`)).body;
    deadline = new Date(proposals[0].deadline);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await inbox?.close();
  });

  const mailsOf = async (kind: string, to?: string) => (await inbox.mails()).filter((m) => kindOf(m) === kind && (to === undefined || m.to.includes(to)));

  it('sends one digest per university, to its coordinator, in its language, listing exactly its proposals', async () => {
    const universities = [...new Set(proposals.map((p) => p.universityId))].sort();
    expect(universities).toEqual(['fdu', 'sjtu']);
    const digests = await waitFor('a digest per university', async () => {
      const list = await mailsOf('digest');
      return list.length >= universities.length ? list : undefined;
    });
    expect(digests.map(causeOf).sort()).toEqual(universities.map((u) => `digest:${roundId}:${u}`));
    for (const u of universities) {
      const c = COORDINATORS[u as keyof typeof COORDINATORS];
      const [mail] = digests.filter((m) => causeOf(m) === `digest:${roundId}:${u}`);
      expect(mail.to).toEqual([c.email]);
      const own = proposals.filter((p) => p.universityId === u);
      const others = proposals.filter((p) => p.universityId !== u && !own.some((o) => o.projectId === p.projectId));
      for (const p of own) {
        const name = projectNames.get(p.projectId)!;
        expect(mail.text).toContain(`${c.language === 'en' ? name.en : name.zh} (${p.projectId})`);
        expect(mail.html).toContain(p.projectId);
      }
      for (const p of others) expect(mail.text).not.toContain(p.projectId);
      if (c.language === 'en') {
        expect(mail.subject).toBe(`Civic Match: ${own.length} new proposal${own.length === 1 ? '' : 's'} for Shanghai Jiao Tong University (${new Set(own.map((p) => p.projectId)).size} project${new Set(own.map((p) => p.projectId)).size === 1 ? '' : 's'})`);
        expect(mail.text).toContain('Dear Ms Li (synthetic),');
      } else {
        expect(mail.subject).toContain(`复旦大学有 ${own.length} 项新的推荐`);
        expect(mail.text).toContain('王老师（合成），您好：');
      }
    }
    const [admin] = await waitFor('the administrators\' mail', async () => {
      const list = await mailsOf('round-completed', ADMIN);
      return list.length ? list : undefined;
    });
    expect(causeOf(admin)).toBe(`round-completed:${roundId}`);
    expect(admin.text).toContain(`Proposals: ${proposals.length}`);
  });

  it('a decline brings a re-match mail of the replacement, to the university it goes to', async () => {
    const fdu = proposals.filter((p) => p.universityId === 'fdu');
    // fdu answers at once (before any reminder is due): one decline, the rest accepted. sjtu never answers.
    const [declined, ...accepted] = fdu;
    expect((await requestJson('POST', `${url('matching')}/universities/fdu/assignments/${declined.assignmentId}/decline`, { reason: 'schedule_conflict' })).status).toBe(200);
    for (const a of accepted) expect((await requestJson('POST', `${url('matching')}/universities/fdu/assignments/${a.assignmentId}/accept`)).status).toBe(200);
    const replacements: AssignmentSnapshotV1[] = await waitFor('a replacement proposal', async () => {
      const all: AssignmentSnapshotV1[] = (await requestJson('GET', `${url('matching')}/rounds/${roundId}/assignments`)).body;
      const list = all.filter((a) => a.origin === 'rematch');
      return list.length ? list : undefined;
    });
    const byUniversity = [...new Set(replacements.map((r) => r.universityId))];
    const mails = await waitFor('the re-match mails', async () => {
      const list = (await mailsOf('rematch')).filter((m) => causeOf(m).startsWith(`rematch:${roundId}:`));
      return list.length >= byUniversity.length ? list : undefined;
    });
    expect(mails.map((m) => m.to[0]).sort()).toEqual(byUniversity.map((u) => COORDINATORS[u as keyof typeof COORDINATORS].email).sort());
    for (const r of replacements) {
      const mail = mails.find((m) => m.to[0] === COORDINATORS[r.universityId as keyof typeof COORDINATORS].email)!;
      expect(mail.text).toContain(r.projectId);
    }
  });

  it('reminds sjtu at 40 s and 20 s before the deadline across a kill -9 of notifications, never fdu, then tells sjtu of the expiry', async () => {
    const notifications = stack.service('notifications');
    await notifications.kill9();
    await notifications.start();
    const sjtu = COORDINATORS.sjtu.email;
    const expiry = await waitFor(
      "sjtu's expiry notice",
      async () => {
        const list = (await mailsOf('expiry', sjtu)).filter((m) => causeOf(m) === `expiry:${roundId}:sjtu:${deadline.toISOString()}`);
        return list.length ? list[0] : undefined;
      },
      { timeoutMs: (WINDOW_S + 60) * 1000, intervalMs: 500 },
    );
    const reminders = (await mailsOf('reminder')).filter((m) => causeOf(m).startsWith(`reminder:${roundId}:`) && causeOf(m).includes(deadline.toISOString()));
    expect(reminders.map((m) => `${m.to[0]} ${causeOf(m)}`).sort()).toEqual([
      `${sjtu} reminder:${roundId}:sjtu:${deadline.toISOString()}:20s`,
      `${sjtu} reminder:${roundId}:sjtu:${deadline.toISOString()}:40s`,
    ]);
    for (const r of reminders) {
      const lead = Number(/:(\d+)s$/.exec(causeOf(r))![1]);
      const due = deadline.getTime() - lead * 1000;
      // MailDev stamps whole seconds; a reminder never goes before its time, and goes soon after it.
      expect(new Date(r.time).getTime()).toBeGreaterThanOrEqual(due - 1000);
      expect(new Date(r.time).getTime()).toBeLessThan(due + 30_000);
      expect(r.subject).toMatch(new RegExp(`^Reminder: \\d+ proposals? for Shanghai Jiao Tong University expire in ${lead} seconds$`));
    }
    const sjtuProposals = proposals.filter((p) => p.universityId === 'sjtu');
    for (const p of sjtuProposals) expect(expiry.text).toContain(p.projectId);
    expect(expiry.subject).toMatch(/expired unanswered$/);
  }, (WINDOW_S + 90) * 1000);

  it('sends exactly one mail per cause and recipient, and lists them for administrators', async () => {
    const all = await inbox.mails();
    const keys = all.map((m) => `${causeOf(m)} -> ${m.to.join(',')}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const { status, body } = await requestJson('GET', `${url('notifications')}/admin/mails?pageSize=1000`);
    expect(status).toBe(200);
    expect(body.counts.refused).toBe(0);
    const sent = body.items.filter((m: { status: string }) => m.status === 'sent').map((m: { cause: string; recipient: string }) => `${m.cause} -> ${m.recipient}`);
    expect(sent.sort()).toEqual(expect.arrayContaining([...keys].sort()));
  });

  it('reporting gives each university its response rate, median time to answer and the proposals that expired unanswered', async () => {
    // What matching holds now (the round's proposals and their re-match replacements) is what reporting must show.
    const expected = async () => {
      const all: AssignmentSnapshotV1[] = (await requestJson('GET', `${url('matching')}/rounds/${roundId}/assignments`)).body;
      return Object.fromEntries(
        ['fdu', 'sjtu'].map((u) => {
          const own = all.filter((a) => a.universityId === u);
          const answered = own.filter((a) => a.status === 'accepted' || a.status === 'declined').length;
          const expired = own.filter((a) => a.status === 'expired');
          return [u, { proposals: own.length, answered, expiredUnanswered: expired.length, responseRate: answered + expired.length ? Math.round((answered / (answered + expired.length)) * 10_000) / 10_000 : null, expiredIds: expired.map((a) => a.assignmentId) }];
        }),
      );
    };
    const { report, want } = await waitFor('the response figures to agree with matching', async () => {
      const want = await expected();
      const { status, body } = await requestJson('GET', `${url('reporting')}/rounds/${roundId}/responses`);
      if (status !== 200) return undefined;
      const same = ['fdu', 'sjtu'].every((u) => {
        const got = body.byUniversity.find((x: { universityId: string }) => x.universityId === u);
        const w = want[u];
        return got && got.proposals === w.proposals && got.answered === w.answered && got.expiredUnanswered === w.expiredUnanswered && got.responseRate === w.responseRate;
      });
      return same ? { report: body, want } : undefined;
    });
    const fdu = proposals.filter((p) => p.universityId === 'fdu');
    const f = report.byUniversity.find((u: { universityId: string }) => u.universityId === 'fdu');
    // fdu answered every proposal of the round itself (one decline, the rest accepted) within the window.
    expect(f.answered).toBeGreaterThanOrEqual(fdu.length);
    expect(f.declined).toBeGreaterThanOrEqual(1);
    expect(f.medianSecondsToAnswer).toBeGreaterThan(0);
    expect(f.medianSecondsToAnswer).toBeLessThan(WINDOW_S);
    const s = report.byUniversity.find((u: { universityId: string }) => u.universityId === 'sjtu');
    // sjtu never answered: its rate is 0 once a window closed, and it has no time to answer.
    expect(s).toMatchObject({ answered: 0, responseRate: 0, medianSecondsToAnswer: null });
    expect(s.expiredUnanswered).toBeGreaterThanOrEqual(proposals.filter((p) => p.universityId === 'sjtu').length);
    expect(report.expiredUnanswered.map((e: { assignmentId: string }) => e.assignmentId).sort()).toEqual([...want.fdu.expiredIds, ...want.sjtu.expiredIds].sort());
    const overview = (await requestJson('GET', `${url('reporting')}/responses`)).body;
    expect(overview.byRound.map((r: { roundId: string }) => r.roundId)).toContain(roundId);
    expect(overview.byUniversity.map((u: { universityId: string }) => u.universityId)).toEqual(expect.arrayContaining(['fdu', 'sjtu']));
  });
});
