import { randomUUID } from 'node:crypto';
import { ASSIGNMENT_EVENTS, AssignmentEventV1, AssignmentSnapshotV1, AssignmentStatus, COORDINATOR_EVENTS, PROJECT_EVENTS, ProjectSnapshotV1 } from '@civic/contracts';
import { createEnvelope, EventContext } from '@civic/messaging';
import { dropDatabase, ensureDatabase, postgresOptions } from '@civic/persistence';
import { loadConfig } from '@civic/platform';
import { testInfrastructure, uniqueRunId } from '@civic/testing';
import { DataSource } from 'typeorm';
import { MailOutbox } from '../../services/notifications/src/mails/mail.outbox';
import { Notifications1764100000501 } from '../../services/notifications/src/migrations/1764100000501-notifications';
import { WithdrawalNotices1764100000502 } from '../../services/notifications/src/migrations/1764100000502-withdrawal-notices';
import { NOTIFICATIONS_DEFAULTS, NotificationsConfig } from '../../services/notifications/src/notifications.config';
import { NoticeEventsController } from '../../services/notifications/src/notices/notice.events.controller';
import { NoticeScheduler } from '../../services/notifications/src/notices/notice.scheduler';
import { NoticeStore } from '../../services/notifications/src/notices/notice.store';
import { roundCompleted } from '../notifications/round-events';

/**
 * notifications' scheduling against a real PostgreSQL database (its own migration), driving the event handlers and
 * one scheduler pass directly: which reminders are scheduled, when they are cancelled (answer, withdrawal, deadline
 * passed), what a due reminder lists, and that a digest waits for every announced proposal and is written once.
 */
describe('notifications: notices scheduled in PostgreSQL', () => {
  let db: DataSource;
  let url: string;
  let events: NoticeEventsController;
  let scheduler: NoticeScheduler;
  const config = loadConfig(NotificationsConfig, { REMINDERS_BEFORE_DEADLINE: '40s,20s', EXPIRY_NOTICE_DELAY_MS: '0' }, NOTIFICATIONS_DEFAULTS);

  beforeAll(async () => {
    url = `${(await testInfrastructure()).postgresUrl}/civic_notices_${uniqueRunId()}`;
    await ensureDatabase(url);
    db = await new DataSource(postgresOptions({ url, entities: [], migrations: [Notifications1764100000501, WithdrawalNotices1764100000502] })).initialize();
    // The events below are stamped now: move the epoch back so they count as news.
    await db.query(`UPDATE notifications_epoch SET since = now() - interval '1 hour'`);
    const store = new NoticeStore(config, db);
    const outbox = new MailOutbox(db);
    events = new NoticeEventsController(store, outbox, config);
    scheduler = new NoticeScheduler(store, outbox, config);
    await apply(COORDINATOR_EVENTS.set, 'fdu', { universityId: 'fdu', coordinators: [{ email: 'fdu@example.org', name: '王老师', language: 'zh-CN' }], revision: 1 });
    await apply(COORDINATOR_EVENTS.set, 'sjtu', { universityId: 'sjtu', coordinators: [{ email: 'sjtu@example.org', name: 'Ms Li', language: 'en' }], revision: 1 });
  });

  afterAll(async () => {
    await db?.destroy();
    if (url) await dropDatabase(url).catch(() => undefined);
  });

  /** Runs an event through its handler in a transaction, as the consumer does. */
  async function apply(type: string, key: string, payload: unknown): Promise<void> {
    const envelope = createEnvelope('test', { type, key, payload });
    await db.transaction(async (m) => {
      const ctx = new EventContext([m, envelope, 'topic', 0, '0']);
      if (type === COORDINATOR_EVENTS.set) return events.onCoordinators(envelope as never, ctx);
      if (type.startsWith('project.')) return events.onProject(envelope as never, ctx);
      if (type === 'round.completed') return events.onRoundCompleted(envelope as never, ctx);
      return events.onAssignment(envelope as AssignmentEventV1, ctx);
    });
  }

  const at = (offsetS: number) => new Date(Date.now() + offsetS * 1000).toISOString();
  /** A round's times: every proposal of a round (or of a re-match) shares its deadline. */
  const times = (proposedS: number, deadlineS: number) => ({ proposedAt: at(proposedS), deadline: at(deadlineS) });
  function proposal(roundId: string, universityId: string, projectId: string, window: { proposedAt: string; deadline: string }): AssignmentSnapshotV1 {
    return {
      assignmentId: randomUUID(), roundId, expertId: `T${Math.floor(Math.random() * 1e6)}`, expertKind: 'teacher', universityId, collegeId: 'c', discipline: 'sociology',
      projectId, districtId: 'huangpu', issueType: 'pain_points', weight: 10, explanation: {} as AssignmentSnapshotV1['explanation'], origin: 'round',
      status: 'proposed', deadline: window.deadline, proposedAt: window.proposedAt, decidedAt: null, declineReason: null, declineNote: null, revision: 1,
    };
  }
  const decide = (a: AssignmentSnapshotV1, status: AssignmentStatus) => apply(ASSIGNMENT_EVENTS[status], a.assignmentId, { ...a, status, decidedAt: at(0), revision: 2 });
  const jobs = async (roundId: string) =>
    (await db.query(`SELECT kind, university_id, step, status FROM notice_job WHERE round_id = $1 ORDER BY kind, university_id, step`, [roundId])) as Array<Record<string, string>>;
  const mails = async (prefix: string) => (await db.query(`SELECT cause, recipient, subject, text_body FROM mail WHERE cause LIKE $1 ORDER BY id`, [`${prefix}%`])) as Array<Record<string, string>>;

  it('schedules one reminder per step shorter than the response window, per round, university and deadline', async () => {
    const roundId = randomUUID();
    const window = times(0, 60);
    await apply(ASSIGNMENT_EVENTS.proposed, 'a', proposal(roundId, 'fdu', 'P1', window));
    await apply(ASSIGNMENT_EVENTS.proposed, 'b', proposal(roundId, 'fdu', 'P2', window));
    // A 30 s window (a re-match's, say) has no room for a reminder 40 s before its end.
    await apply(ASSIGNMENT_EVENTS.proposed, 'c', proposal(roundId, 'sjtu', 'P3', times(0, 30)));
    expect(await jobs(roundId)).toEqual([
      { kind: 'reminder', university_id: 'fdu', step: '20s', status: 'scheduled' },
      { kind: 'reminder', university_id: 'fdu', step: '40s', status: 'scheduled' },
      { kind: 'reminder', university_id: 'sjtu', step: '20s', status: 'scheduled' },
    ]);
  });

  it('a due reminder lists only what is still pending; answering everything cancels the rest', async () => {
    const roundId = randomUUID();
    // Proposed 25 s ago with a 60 s window: the 40 s reminder is due, the 20 s one is not.
    const window = times(-25, 35);
    const [a, b, c] = ['P1', 'P2', 'P3'].map((p) => proposal(roundId, 'sjtu', p, window));
    for (const x of [a, b, c]) await apply(ASSIGNMENT_EVENTS.proposed, x.assignmentId, x);
    await decide(a, 'accepted');
    await scheduler.runOnce();
    const [reminder, ...more] = await mails(`reminder:${roundId}:`);
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({ cause: `reminder:${roundId}:sjtu:${b.deadline}:40s`, recipient: 'sjtu@example.org' });
    expect(reminder.subject).toBe('Reminder: 2 proposals for Shanghai Jiao Tong University expire in 40 seconds');
    expect(reminder.text_body).toContain('P2');
    expect(reminder.text_body).not.toContain('(P1)');
    await decide(b, 'declined');
    await decide(c, 'accepted');
    expect(await jobs(roundId)).toEqual([
      { kind: 'reminder', university_id: 'sjtu', step: '20s', status: 'cancelled' },
      { kind: 'reminder', university_id: 'sjtu', step: '40s', status: 'done' },
    ]);
    await scheduler.runOnce();
    expect(await mails(`reminder:${roundId}:`)).toHaveLength(1);
  });

  it("a withdrawn project's proposals are not reminded of: with nothing else pending the reminders are cancelled", async () => {
    const roundId = randomUUID();
    const projectId = `PW-${roundId.slice(0, 8)}`;
    const project: ProjectSnapshotV1 = {
      projectId, externalKey: projectId, name: '撤回的项目', districtId: 'huangpu', streetCode: '310101015', communityType: 'residential', issueTypes: ['pain_points'],
      wantedDisciplines: [], slots: { teacher: { min: 1, max: 1 }, student: { min: 0, max: 0 } }, location: { lat: 31.2, lon: 121.5 }, status: 'active', revision: 1,
    };
    await apply(PROJECT_EVENTS.registered, projectId, project);
    const p = proposal(roundId, 'fdu', projectId, times(0, 60));
    await apply(ASSIGNMENT_EVENTS.proposed, p.assignmentId, p);
    await apply(PROJECT_EVENTS.withdrawn, projectId, { ...project, status: 'withdrawn', revision: 2 });
    expect((await jobs(roundId)).map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('a reminder whose deadline has passed is cancelled, and expiries make one notice per round, university and deadline', async () => {
    const roundId = randomUUID();
    const window = times(-70, -5);
    const [a, b] = ['P1', 'P2'].map((p) => proposal(roundId, 'fdu', p, window));
    for (const x of [a, b]) await apply(ASSIGNMENT_EVENTS.proposed, x.assignmentId, x);
    await scheduler.runOnce();
    expect(await mails(`reminder:${roundId}:`)).toEqual([]);
    expect((await jobs(roundId)).map((j) => `${j.kind} ${j.status}`)).toEqual(['reminder cancelled', 'reminder cancelled']);
    await decide(a, 'expired');
    await decide(b, 'expired');
    await scheduler.runOnce();
    await scheduler.runOnce();
    const notices = await mails(`expiry:${roundId}:`);
    expect(notices.map((n) => n.cause)).toEqual([`expiry:${roundId}:fdu:${a.deadline}`]);
    expect(notices[0].subject).toBe('复旦大学有 2 项推荐逾期未答复，已过期');
  });

  it('a digest waits for every proposal its round announced, then goes to each university once', async () => {
    const completed = roundCompleted(undefined, 3);
    const roundId = completed.payload.roundId;
    await apply('round.completed', roundId, completed.payload);
    const window = times(0, 3600);
    const [x, y, z] = [['fdu', 'P1'], ['fdu', 'P2'], ['sjtu', 'P3']].map(([u, p]) => proposal(roundId, u, p, window));
    await apply(ASSIGNMENT_EVENTS.proposed, x.assignmentId, x);
    await apply(ASSIGNMENT_EVENTS.proposed, y.assignmentId, y);
    await scheduler.runOnce();
    expect(await mails(`digest:${roundId}:`)).toEqual([]);
    await apply(ASSIGNMENT_EVENTS.proposed, z.assignmentId, z);
    await scheduler.runOnce();
    await scheduler.runOnce();
    const digests = await mails(`digest:${roundId}:`);
    expect(digests.map((d) => `${d.cause} ${d.recipient}`)).toEqual([`digest:${roundId}:fdu fdu@example.org`, `digest:${roundId}:sjtu sjtu@example.org`]);
    expect(digests[0].text_body).toContain('(P1)');
    expect(digests[0].text_body).toContain('(P2)');
    expect(digests[0].text_body).not.toContain('(P3)');
    // The same round.completed again (a replay with a new envelope id) writes nothing new.
    await apply('round.completed', roundId, completed.payload);
    await scheduler.runOnce();
    expect(await mails(`digest:${roundId}:`)).toHaveLength(2);
    expect(await mails(`round-completed:${roundId}`)).toHaveLength(0);
  });
});
