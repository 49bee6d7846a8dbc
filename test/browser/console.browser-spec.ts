import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import type { Page } from 'playwright-core';
import { createClient } from 'redis';
import { expertsCsv, generateSeason, projectsCsv, type Season } from '@civic/catalogue';
import { requestJson, ServiceStack, waitFor } from '@civic/testing';
import { importFile } from '../../tools/import/import';
import { launchChromium, screenshot, SCREENSHOT_DIR, seriousViolations } from '../../tools/browser/chromium';
import { TestProcess } from '../../tools/browser/test-process';

/**
 * The console in a real Chromium against the real services, broker and databases, signing in through a real OpenID
 * provider (oidc-provider): an administrator imports a CSV with a bad row, starts a round, watches it finish and reads
 * its report; fdu's coordinator accepts a team, declines a member and sees the replacement, cannot reach tongji's
 * page, and signs out; the administrator cancels a running round, withdraws the published one (accepted teams stay)
 * and reads both in the rounds' audit logs. The provider's access tokens live 90 s: the console renews them with
 * refresh tokens (offline_access) as the suite goes on. Every page passes axe-core without serious or critical
 * violations; screenshots are kept in .data/console-screenshots/.
 *
 * The season is small: the projects of Yangpu and Hongkou (two of them held back for the administrator's import)
 * and the experts of four universities (preferences for projects outside it dropped).
 */
describe('console: administrators and coordinators in a real browser', () => {
  const DISTRICTS = ['yangpu', 'hongkou'];
  const full = generateSeason({ seed: 1, scale: 1 });
  const inScope = full.projects.filter((p) => DISTRICTS.includes(p.districtId));
  const heldBack = inScope.filter((p) => p.districtId === 'yangpu').slice(0, 2);
  const seeded = inScope.filter((p) => !heldBack.includes(p));
  const keep = new Set(seeded.map((p) => p.id));
  /** The four universities with campuses in or beside Yangpu (fewer rows to import), preferences inside the season. */
  const UNIVERSITIES = ['fdu', 'tongji', 'sufe', 'shu'];
  const trim = (experts: Season['teachers']) =>
    experts.filter((e) => UNIVERSITIES.includes(e.universityId)).map((e) => ({ ...e, preferences: e.preferences.filter((id) => keep.has(id)) }));

  const portBase = 15000 + Math.floor(Math.random() * 300) * 10;
  const providerPort = portBase + 1;
  const consolePort = portBase + 2;
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const issuer = `http://127.0.0.1:${providerPort}`;

  let provider: TestProcess;
  let consoleApp: TestProcess;
  let stack: ServiceStack;
  let browsers: Awaited<ReturnType<typeof launchChromium>>[] = [];
  let adminPage: Page;
  let coordinatorPage: Page;
  let privateKey: KeyLike;
  let roundId: string;
  let redis: ReturnType<typeof createClient>;
  /** The administrator's access token right after sign-in (the console renews it later). */
  let firstAdminToken: string | undefined;
  const failures: string[] = [];
  /** Matching pauses this long between solving and storing: the window in which the browser cancels a running round. */
  const PAUSE_MS = 15_000;
  /** Short, so that the console's refresh (60 s before expiry) happens during the suite. */
  const ACCESS_TOKEN_SECONDS = 90;

  const adminToken = () =>
    new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(issuer)
      .setAudience('civic-match')
      .setSubject('seed-admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  /** axe-core on the page as it is; the page's name goes into the failure message. */
  const accessible = async (page: Page, name: string) => {
    expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  };

  /** Through the provider's development login form (the same for every account). */
  const signIn = async (page: Page, login: string) => {
    await page.goto(consoleUrl);
    await page.getByRole('link', { name: '登录' }).first().click();
    await page.waitForURL(`${issuer}/**`);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForURL(`${consoleUrl}/**`);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
  };

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    provider = await TestProcess.start(
      'oidc-provider',
      'test/browser/support/oidc-provider.mjs',
      {
        OIDC_TEST_PORT: String(providerPort),
        OIDC_TEST_JWK: JSON.stringify(jwk),
        OIDC_TEST_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_SECONDS),
        OIDC_TEST_CLIENT: JSON.stringify({
          client_id: 'civic-console',
          client_secret: 'browser-test-secret',
          redirect_uris: [`${consoleUrl}/auth/callback`],
          post_logout_redirect_uris: [`${consoleUrl}/signed-out`],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
      },
      /READY /,
    );
    stack = await ServiceStack.start({
      env: { AUTH_ISSUER: issuer, AUTH_JWKS_URL: `${issuer}/jwks`, REMATCH_BATCH_MS: '200' },
      serviceEnv: { matching: { ROUND_PAUSE_BEFORE_STORING_MS: String(PAUSE_MS) } },
    });
    redis = createClient({ url: stack.infra.redisUrl });
    await redis.connect();
    const token = await adminToken();
    const registryUrl = stack.service('project-registry').url;
    const expertPoolUrl = stack.service('expert-pool').url;
    for (const [service, data] of [
      ['projects', projectsCsv(seeded)],
      ['teachers', expertsCsv(trim(full.teachers))],
      ['students', expertsCsv(trim(full.students))],
    ] as const) {
      const job = await importFile({ service, url: service === 'projects' ? registryUrl : expertPoolUrl, body: { contentType: 'text/csv', data }, token });
      expect(job.status).toBe('completed');
    }
    consoleApp = await TestProcess.start(
      'console',
      'dist/services/console/src/main.js',
      {
        NODE_ENV: 'test',
        PORT: String(consolePort),
        CONSOLE_PUBLIC_URL: consoleUrl,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'civic-console',
        OIDC_CLIENT_SECRET: 'browser-test-secret',
        OIDC_SCOPE: 'openid profile api offline_access',
        OIDC_RESOURCE: 'urn:civic-match',
        CIVIC_REGISTRY_URL: registryUrl,
        CIVIC_EXPERT_POOL_URL: expertPoolUrl,
        CIVIC_MATCHING_URL: stack.service('matching').url,
        CIVIC_REPORTING_URL: stack.service('reporting').url,
        CIVIC_NOTIFICATIONS_URL: 'http://127.0.0.1:9',
        // Sessions in the run's own namespace of the real Redis.
        REDIS_URL: stack.infra.redisUrl,
        REDIS_NAMESPACE: `civic-${stack.runId}`,
      },
      /^console: /m,
    );
    browsers = [await launchChromium(), await launchChromium()];
    [adminPage, coordinatorPage] = browsers.map((b) => b.page);
    for (const page of [adminPage, coordinatorPage]) page.on('pageerror', (e) => failures.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await consoleApp?.stop();
    await stack?.stop();
    await provider?.stop();
    if (redis?.isOpen) {
      for (const key of await redis.keys(`civic-${stack.runId}:console:*`)) await redis.del(key);
      await redis.close();
    }
  });

  /** The session the console keeps in Redis for a browser (its civic_console cookie). */
  const storedSession = async (page: Page) => {
    const cookie = (await page.context().cookies(consoleUrl)).find((c) => c.name === 'civic_console');
    const text = cookie ? await redis.get(`civic-${stack.runId}:console:session:${cookie.value}`) : null;
    return text ? (JSON.parse(text) as { accessToken?: string; refreshToken?: string; expiresAt?: number }) : undefined;
  };

  afterEach(async () => {
    // What each browser showed last, for a failure's post-mortem (overwritten by the next test).
    if (adminPage) await screenshot(adminPage, 'last-admin').catch(() => undefined);
    if (coordinatorPage) await screenshot(coordinatorPage, 'last-coordinator').catch(() => undefined);
    expect(failures).toEqual([]);
  });

  it('an administrator signs in through the OpenID provider and sees the season in Chinese', async () => {
    await signIn(adminPage, 'admin');
    await expect(adminPage.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('名册：项目与专家');
    await adminPage.getByRole('cell', { name: seeded[0].nameZh, exact: true }).waitFor();
    // The provider gave a refresh token (offline_access): the session holds it, and its access token for now.
    const session = await storedSession(adminPage);
    expect(session?.refreshToken).toEqual(expect.any(String));
    firstAdminToken = session?.accessToken;
    await accessible(adminPage, 'season');
    await screenshot(adminPage, 'season');
  });

  it('imports a CSV with one bad row: the good rows go in, the bad one is listed with its line, field and rule', async () => {
    // Two good rows, then a third project whose teacher places run from 5 down to 2.
    const bad = { ...heldBack[0], id: 'P99999', slots: { ...heldBack[0].slots, teacher: { min: 5, max: 2 } } };
    const csv = projectsCsv(heldBack) + projectsCsv([bad]).split('\r\n')[1] + '\r\n';
    await adminPage.selectOption('#import-kind', 'projects');
    await adminPage.setInputFiles('#import-file', { name: 'projects.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await adminPage.getByRole('button', { name: '开始导入' }).click();
    await adminPage.locator('[data-status=completed], [data-status=rejected], [data-status=failed]').waitFor({ timeout: 30_000 });
    await expect(adminPage.locator('[data-status]').getAttribute('data-status')).resolves.toBe('completed');
    const errors = adminPage.locator('table.import-errors tbody tr');
    await expect(errors.count()).resolves.toBe(1);
    const cells = await errors.first().locator('td').allTextContents();
    expect(cells[0]).toBe('4');
    expect(cells[1]).toMatch(/teacher/);
    await accessible(adminPage, 'season import');
    await screenshot(adminPage, 'season-import');
    // The two good rows are in the registry.
    const { body } = await requestJson('GET', `${stack.service('project-registry').url}/projects?districtId=yangpu&pageSize=100`, undefined, { authorization: `Bearer ${await adminToken()}` });
    expect(body.items.map((p: { externalKey: string }) => p.externalKey)).toEqual(expect.arrayContaining(heldBack.map((p) => p.id)));
  });

  it('checks the preflight, starts a one-university round over two districts, watches it finish as a draft, removes one assignment, sees the diff and publishes it', async () => {
    const matching = stack.service('matching').url;
    await waitFor(
      "matching's read model to hold the imported projects",
      async () => (await requestJson('GET', `${matching}/read-model/summary`, undefined, { authorization: `Bearer ${await adminToken()}` })).body.projects?.active === inScope.length,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await adminPage.getByRole('link', { name: '匹配轮次' }).click();
    await adminPage.getByRole('heading', { name: '发起匹配' }).waitFor();
    await accessible(adminPage, 'rounds');
    for (const d of DISTRICTS) await adminPage.check(`input[name=district][value=${d}]`);
    await adminPage.selectOption('#round-policy', 'one-university');
    // The preflight of this scope and these options: supply against demand per kind, before anything starts. Within
    // half a kilometre some projects have no eligible expert, and the page says why; without a limit all have one.
    await adminPage.fill('#round-distance', '0.5');
    await adminPage.getByRole('button', { name: '先检查' }).click();
    await adminPage.locator('.preflight[data-feasible=false] .preflight-projects tbody tr').first().waitFor({ timeout: 30_000 });
    await expect(adminPage.locator('.preflight-projects tbody tr').first().textContent()).resolves.toMatch(/超出距离上限/);
    await accessible(adminPage, 'rounds preflight, infeasible');
    await adminPage.locator('section[aria-labelledby=start-round]').screenshot({ path: resolve(SCREENSHOT_DIR, 'preflight-infeasible.png') });
    await adminPage.fill('#round-distance', '');
    await adminPage.getByRole('button', { name: '先检查' }).click();
    await adminPage.locator('.preflight[data-feasible=true]').waitFor({ timeout: 30_000 });
    const teachers = await adminPage.locator('.preflight tr[data-kind=teacher] td').allTextContents();
    expect(teachers[1]).toMatch(/^[1-9]\d*–\d+$/);
    await accessible(adminPage, 'rounds preflight');
    await adminPage.locator('section[aria-labelledby=start-round]').screenshot({ path: resolve(SCREENSHOT_DIR, 'preflight.png') });
    await adminPage.getByRole('button', { name: '开始', exact: true }).click();
    // A real round ends as a draft: nothing goes to the coordinators until the administrator publishes it.
    await adminPage.locator('[data-round-status=draft]').waitFor({ timeout: 120_000 });
    const review = adminPage.locator('section.draft-review');
    await review.locator('.draft-project li').first().waitFor({ timeout: 30_000 });
    await expect(review.locator('li[data-placed-by=hand]').count()).resolves.toBe(0);
    await accessible(adminPage, 'rounds draft');
    // The top of the review (figures and the first projects' cards) as the administrator sees it on screen.
    await review.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const top = Math.max(0, (await review.boundingBox())!.y);
    const viewport = adminPage.viewportSize()!;
    await adminPage.screenshot({ path: resolve(SCREENSHOT_DIR, 'draft-review.png'), clip: { x: 0, y: top, width: viewport.width, height: viewport.height - top } });
    // One edit: take an assignment out of the draft, with a reason; the answer's diff names it as removed.
    const revision = Number(await review.getAttribute('data-revision'));
    const member = review.locator('.draft-project li').first();
    const expertId = (await member.getAttribute('data-expert'))!;
    const projectId = (await member.locator('xpath=ancestor::section[1]').getAttribute('data-project'))!;
    await member.getByRole('button', { name: /^移除/ }).click();
    await adminPage.fill('#edit-reason', '街道办希望换一位熟悉本社区的专家');
    await adminPage.getByRole('button', { name: '提交修改' }).click();
    const removed = review.locator('.draft-diff li[data-diff=removed]', { hasText: expertId });
    await removed.waitFor({ timeout: 60_000 });
    await expect(removed.textContent()).resolves.toContain(projectId);
    await waitFor('the draft at its new revision', async () => Number(await review.getAttribute('data-revision')) > revision, { timeoutMs: 30_000, intervalMs: 250 });
    await expect(review.locator(`section.draft-project[data-project="${projectId}"] li[data-expert="${expertId}"]`).count()).resolves.toBe(0);
    await accessible(adminPage, 'draft review after an edit');
    // An edit made against the revision before it is stale: the console passes matching's 409 through as it is.
    const { csrfToken } = await (await adminPage.request.get(`${consoleUrl}/api/session`)).json();
    const draftRoundId = (await adminPage.locator('section[aria-labelledby=live-round] [data-round]').first().getAttribute('data-round'))!;
    const stale = await adminPage.request.post(`${consoleUrl}/api/rounds/${draftRoundId}/edits`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { revision, reason: 'stale', edits: [{ op: 'remove', expertId, projectId }] },
    });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error.code).toBe('stale_revision');
    await screenshot(adminPage, 'draft-review-page');
    await review.locator('.draft-editor').screenshot({ path: resolve(SCREENSHOT_DIR, 'draft-edit.png') });
    await adminPage.locator('section[aria-labelledby=live-round]').getByRole('button', { name: '发布' }).click();
    await adminPage.locator('[data-round-status=completed]').waitFor({ timeout: 120_000 });
    // The proposals arrive through the event stream (reporting's feed), possibly after matching says completed.
    await adminPage.getByText(/已收到事件 \d+ 条，其中提名 [1-9]\d* 条/).waitFor({ timeout: 60_000 });
    await accessible(adminPage, 'rounds live');
    await screenshot(adminPage, 'rounds');
    roundId = (await adminPage.locator('section[aria-labelledby=live-round] a').getAttribute('href'))!.split('/').pop()!;
  });

  it('reads the report: figures, the map of projects by team status, fill charts, under-filled places, CSV downloads; then the dead letters', async () => {
    await adminPage.locator('section[aria-labelledby=live-round] a').click();
    await adminPage.locator('[data-report-ready=true]').waitFor({ timeout: 60_000 });
    await expect(adminPage.locator('circle.pt[data-project]').count()).resolves.toBe(inScope.length);
    await expect(adminPage.locator('figure.chart svg[role=img]').count()).resolves.toBeGreaterThanOrEqual(3);
    const csv = await adminPage.request.get(`${consoleUrl}/api/rounds/${roundId}/assignments.csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n').length).toBeGreaterThan(2);
    await accessible(adminPage, 'report');
    await screenshot(adminPage, 'report');
    await adminPage.getByRole('button', { name: 'English' }).click();
    await adminPage.getByRole('heading', { name: 'Round report' }).waitFor();
    await accessible(adminPage, 'report in English');
    await screenshot(adminPage, 'report-en');
    await adminPage.getByRole('button', { name: '中文' }).click();
    await adminPage.getByRole('link', { name: '死信' }).click();
    await adminPage.getByRole('heading', { name: '死信' }).waitFor();
    await adminPage.getByText('没有死信。').waitFor();
    await accessible(adminPage, 'dead letters');
  });

  it("fdu's coordinator accepts a whole team, declines one member of another and sees the replacement proposal", async () => {
    await signIn(coordinatorPage, 'fdu-coordinator');
    await coordinatorPage.getByRole('heading', { name: /复旦大学：待答复的提名/ }).waitFor();
    const teams = coordinatorPage.locator('section.team');
    await teams.first().waitFor();
    expect(await teams.count()).toBeGreaterThanOrEqual(2);
    await accessible(coordinatorPage, 'proposals');
    await screenshot(coordinatorPage, 'proposals');

    const first = await teams.nth(0).getAttribute('data-project');
    await teams.nth(0).getByRole('button', { name: '接受整个团队' }).click();
    // A team everyone accepted has nothing left to answer: it leaves the page.
    await coordinatorPage.locator(`section.team[data-project="${first}"]`).waitFor({ state: 'detached' });

    const team = coordinatorPage.locator('section.team').first();
    const project = await team.getAttribute('data-project');
    const member = team.locator('li[data-status=proposed]').first();
    const declined = await member.getAttribute('data-assignment');
    await member.getByRole('button', { name: '谢绝', exact: true }).click();
    await member.getByLabel('谢绝原因').selectOption('schedule_conflict');
    await member.getByRole('button', { name: '确认谢绝' }).click();
    await coordinatorPage.locator(`li[data-assignment="${declined}"]`).waitFor({ state: 'detached' });
    // The re-match refills the place from the same university; the page shows it as a replacement.
    await waitFor(
      'the replacement proposal',
      async () => {
        await coordinatorPage.reload();
        await coordinatorPage.locator('section.team').first().waitFor();
        return (await coordinatorPage.locator(`section.team[data-project="${project}"] li`, { hasText: '替补提名' }).count()) > 0;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    await accessible(coordinatorPage, 'proposals after decline');
    await screenshot(coordinatorPage, 'proposals-replacement');
    await coordinatorPage.getByRole('link', { name: '答复记录' }).click();
    await coordinatorPage.getByRole('cell', { name: '已谢绝' }).first().waitFor();
    await expect(coordinatorPage.getByRole('cell', { name: '已接受' }).count()).resolves.toBeGreaterThan(0);
    await accessible(coordinatorPage, 'history');
    await screenshot(coordinatorPage, 'history');
  });

  it('an administrator cancels a running round from the live panel, withdraws the published round after its confirmation (accepted teams stay) and reads both in the audit logs', async () => {
    // The suite has run longer than the provider's 90 s tokens: the console renewed the administrator's with the refresh token.
    await waitFor(
      "the console to renew the administrator's access token",
      async () => {
        expect((await adminPage.request.get(`${consoleUrl}/api/rounds`)).status()).toBe(200);
        const s = await storedSession(adminPage);
        return s?.accessToken !== undefined && s.accessToken !== firstAdminToken;
      },
      { timeoutMs: 90_000, intervalMs: 2000 },
    );

    // A round over Hongkou, cancelled while it runs (matching pauses before storing: the window to do it in).
    await adminPage.goto(`${consoleUrl}/rounds`);
    await adminPage.getByRole('heading', { name: '发起匹配' }).waitFor();
    await adminPage.check('input[name=district][value=hongkou]');
    await adminPage.getByRole('button', { name: '开始', exact: true }).click();
    const live = adminPage.locator('section[aria-labelledby=live-round]');
    await live.locator('[data-round-status=running]').waitFor({ timeout: 30_000 });
    const cancel = live.locator('.cancel-round');
    const cancelledId = (await cancel.getAttribute('data-round'))!;
    await cancel.getByRole('button', { name: '取消轮次' }).click();
    await expect(cancel.locator('form.confirm').textContent()).resolves.toContain('此轮次仍在运行');
    await cancel.getByLabel('原因（可选，记入审计）').fill('范围选错了');
    await accessible(adminPage, 'cancel confirmation');
    await cancel.getByRole('button', { name: '确认取消' }).click();
    await live.locator('[data-round-status=cancelled]').waitFor({ timeout: 30_000 });
    const { body: cancelled } = await requestJson('GET', `${stack.service('matching').url}/rounds/${cancelledId}`, undefined, { authorization: `Bearer ${await adminToken()}` });
    expect(cancelled).toMatchObject({ status: 'cancelled', summary: null });
    // Its page: the status and the audit entry (who, what, why); no action is left to take.
    await adminPage.goto(`${consoleUrl}/rounds/${cancelledId}`);
    const cancelledAdmin = adminPage.locator('section[aria-labelledby=round-administration][data-round-status=cancelled]');
    const cancelEntry = cancelledAdmin.locator('tr[data-action=cancel]');
    await cancelEntry.waitFor({ timeout: 30_000 });
    const cancelCells = await cancelEntry.locator('td').allTextContents();
    expect(cancelCells.slice(1, 5)).toEqual(['admin', '取消', '取消前状态：运行中', '范围选错了']);
    await expect(cancelledAdmin.getByRole('button').count()).resolves.toBe(0);

    // The published round: withdraw it with a reason; the confirmation counts what goes (matching's own figures).
    const { body: held } = await requestJson('GET', `${stack.service('matching').url}/rounds/${roundId}/assignments?status=proposed,accepted`, undefined, {
      authorization: `Bearer ${await adminToken()}`,
    });
    const proposed = held.filter((a: { status: string }) => a.status === 'proposed').length;
    const accepted = held.filter((a: { status: string }) => a.status === 'accepted').length;
    expect(proposed).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
    await adminPage.goto(`${consoleUrl}/rounds/${roundId}`);
    const admin = adminPage.locator('section[aria-labelledby=round-administration]');
    await admin.getByRole('button', { name: '撤回轮次…' }).click();
    await admin.getByLabel(/^原因（必填/).fill('本轮使用了上一季的名额上限');
    await expect(admin.getByLabel('同时撤回已接受的分配').isChecked()).resolves.toBe(false);
    await accessible(adminPage, 'withdraw form');
    await admin.getByRole('button', { name: '查看将发生的变化' }).click();
    const confirmation = admin.locator('section.confirm');
    await confirmation.waitFor();
    await expect(confirmation.getAttribute('data-proposed')).resolves.toBe(String(proposed));
    const text = (await confirmation.textContent())!;
    expect(text).toContain(`将撤回 ${proposed} 个尚待答复的提名`);
    expect(text).toContain(`${accepted} 个已接受的分配保持不变`);
    expect(text).toMatch(/\d+ 所高校（.+）的协调人各收到一封邮件/);
    await accessible(adminPage, 'withdraw confirmation');
    await admin.screenshot({ path: resolve(SCREENSHOT_DIR, 'withdraw-confirm.png') });
    await confirmation.getByRole('button', { name: '确认撤回' }).click();
    const outcome = admin.locator('.withdrawal-outcome');
    await outcome.waitFor({ timeout: 30_000 });
    await expect(outcome.getAttribute('data-withdrawn')).resolves.toBe(String(proposed));
    await expect(outcome.getAttribute('data-kept')).resolves.toBe(String(accepted));
    await adminPage.locator('section[aria-labelledby=round-administration][data-round-status=withdrawn]').waitFor();
    // The audit log: the edit, the publication and now the withdrawal, by the provider's administrator.
    const withdrawEntry = admin.locator('tr[data-action=withdraw]');
    await withdrawEntry.waitFor();
    const withdrawCells = await withdrawEntry.locator('td').allTextContents();
    expect(withdrawCells.slice(1, 5)).toEqual(['admin', '撤回', `撤回 ${proposed} 个分配，保留 ${accepted} 个已接受的分配`, '本轮使用了上一季的名额上限']);
    await expect(admin.locator('tr[data-action=edit]').count()).resolves.toBe(1);
    await expect(admin.locator('tr[data-action=publish]').count()).resolves.toBe(1);
    await accessible(adminPage, 'round audit');
    await admin.screenshot({ path: resolve(SCREENSHOT_DIR, 'round-audit.png') });
    // Withdrawing it again is matching's 409, which the page would explain in words.
    const { csrfToken } = await (await adminPage.request.get(`${consoleUrl}/api/session`)).json();
    const again = await adminPage.request.post(`${consoleUrl}/api/rounds/${roundId}/withdraw`, { headers: { 'x-csrf-token': csrfToken }, data: { reason: 'again' } });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.code).toBe('round_not_published');
    await adminPage.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
    await accessible(adminPage, 'round audit in English');
    await adminPage.getByRole('button', { name: '中文' }).click();
  });

  it("a coordinator cannot reach another university's page: no link, the page is not found, the API says 404", async () => {
    const hrefs = await coordinatorPage.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.filter((h) => h && /universities\/(?!fdu\/)/.test(h))).toEqual([]);
    await coordinatorPage.goto(`${consoleUrl}/universities/tongji/proposals`);
    await coordinatorPage.getByRole('heading', { name: '页面不存在' }).waitFor();
    await expect(coordinatorPage.locator('section.team').count()).resolves.toBe(0);
    const api = await coordinatorPage.request.get(`${consoleUrl}/api/universities/tongji/proposals`);
    expect(api.status()).toBe(404);
    const adminApi = await coordinatorPage.request.get(`${consoleUrl}/api/rounds`);
    expect(adminApi.status()).toBe(403);
    await accessible(coordinatorPage, 'not found');
  });

  it('refuses a state-changing call without the CSRF token', async () => {
    const res = await coordinatorPage.request.post(`${consoleUrl}/api/universities/fdu/assignments/${randomUUID()}/accept`, { data: {} });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toMatch(/CSRF/);
  });

  it('sign-out ends the session at the console and at the provider', async () => {
    await coordinatorPage.goto(consoleUrl);
    await coordinatorPage.getByRole('button', { name: '退出登录' }).click();
    await coordinatorPage.waitForURL(`${issuer}/**`);
    await coordinatorPage.getByRole('button', { name: /Yes, sign me out/ }).click();
    await coordinatorPage.waitForURL(`${consoleUrl}/signed-out`);
    await coordinatorPage.getByRole('heading', { name: '您已退出登录' }).waitFor();
    await accessible(coordinatorPage, 'signed out');
    const session = await (await coordinatorPage.request.get(`${consoleUrl}/api/session`)).json();
    expect(session.user).toBeNull();
    expect((await coordinatorPage.request.get(`${consoleUrl}/api/universities/fdu/proposals`)).status()).toBe(401);
  });
});
