import { Client } from 'pg';
import { CSV_EOL, csvRow, EXPERT_CSV_COLUMNS, PROJECT_CSV_COLUMNS } from '@civic/catalogue';
import { JsonResponse, requestJson, ServiceStack, waitFor } from '@civic/testing';

/**
 * Bad input against the real HTTP stack and databases: each case is refused with the one error shape, a 4xx that
 * names the field, and leaves both registries' tables (rows, events, import jobs) exactly as they were.
 */
describe('registries: bad input', () => {
  let stack: ServiceStack;
  let registryDb: Client;
  let poolDb: Client;
  let registry: string;
  let pool: string;
  let activeId: string;
  let withdrawnId: string;
  let teacherId: string;

  const project = (over: Record<string, unknown> = {}) => ({
    externalKey: 'BAD-P1',
    name: '西凌新邨“联小建大”物业治理',
    districtId: 'huangpu',
    streetCode: '310101015',
    communityType: 'residential',
    issueTypes: ['property_governance', 'pain_points'],
    wantedDisciplines: ['law'],
    slots: { teacher: { min: 1, max: 3 }, student: { min: 2, max: 4 } },
    ...over,
  });
  const expert = (over: Record<string, unknown> = {}) => ({
    externalKey: 'BAD-T1',
    kind: 'teacher',
    name: '黄老师（合成）',
    universityId: 'shu',
    collegeId: 'shu_soc',
    disciplines: ['sociology'],
    capacity: 2,
    ...over,
  });

  /** Every table a refused request must leave alone. */
  const state = async () => {
    const one = async (db: Client, table: string) =>
      (await db.query(`SELECT count(*)::int AS n, coalesce(sum(revision), 0)::int AS r FROM ${table}`)).rows[0];
    const n = async (db: Client, table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    return {
      projects: await one(registryDb, 'project'),
      projectEvents: await n(registryDb, 'outbox_event'),
      projectImports: await n(registryDb, 'import_job'),
      experts: await one(poolDb, 'expert'),
      expertEvents: await n(poolDb, 'outbox_event'),
      expertImports: await n(poolDb, 'import_job'),
    };
  };

  /** Sends, then checks status, the error shape, the named field and rule, and that nothing changed. */
  const refused = async (send: () => Promise<JsonResponse<any>>, status: number, field?: string, rule?: string) => {
    const before = await state();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: expect.objectContaining({ status, code: expect.any(String), message: expect.any(String) }), correlationId: expect.any(String) });
    if (field) expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, ...(rule ? { rule } : {}) })]));
    expect(await state()).toEqual(before);
    return res;
  };

  const upload = async (url: string, body: string | Uint8Array, contentType = 'text/csv'): Promise<JsonResponse<any>> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const finished = (url: string) =>
    waitFor('the import job to end', async () => {
      const { body } = await requestJson('GET', url);
      return body.status !== 'queued' && body.status !== 'running' ? body : undefined;
    });

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: ['project-registry', 'expert-pool'] });
    registry = stack.service('project-registry').url;
    pool = stack.service('expert-pool').url;
    registryDb = new Client({ connectionString: stack.databaseUrl('project-registry') });
    poolDb = new Client({ connectionString: stack.databaseUrl('expert-pool') });
    await Promise.all([registryDb.connect(), poolDb.connect()]);

    activeId = (await requestJson('POST', `${registry}/projects`, project())).body.projectId;
    withdrawnId = (await requestJson('POST', `${registry}/projects`, project({ externalKey: 'BAD-P2' }))).body.projectId;
    expect((await requestJson('POST', `${registry}/projects/${withdrawnId}/withdraw`)).body.status).toBe('withdrawn');
    // expert-pool learns of projects through Kafka only.
    await waitFor('expert-pool to know one active and one withdrawn project', async () => {
      const { body } = await requestJson('GET', `${pool}/known-projects/summary`);
      return body.active === 1 && body.withdrawn === 1;
    });
    teacherId = (await requestJson('POST', `${pool}/experts`, expert({ preferences: [activeId] }))).body.expertId;
    expect(teacherId).toMatch(/^T\d{6}$/);
  });

  afterAll(async () => {
    await Promise.all([registryDb?.end(), poolDb?.end()]);
    await stack?.stop();
  });

  describe('projects', () => {
    it('an unknown district is a 400 naming districtId', async () => {
      await refused(() => requestJson('POST', `${registry}/projects`, project({ externalKey: 'NEW-1', districtId: 'atlantis' })), 400, 'districtId', 'isIn');
    });

    it('a teacher slot range with min > max is a 400 naming slots.teacher.min', async () => {
      await refused(
        () => requestJson('POST', `${registry}/projects`, project({ externalKey: 'NEW-1', slots: { teacher: { min: 4, max: 2 }, student: { min: 1, max: 2 } } })),
        400,
        'slots.teacher.min',
        'notAbove',
      );
    });

    it('a street outside the district is a 400 naming streetCode', async () => {
      await refused(() => requestJson('POST', `${registry}/projects`, project({ externalKey: 'NEW-1', districtId: 'pudong' })), 400, 'streetCode', 'inDistrict');
    });

    it('an unknown discipline is a 400 naming wantedDisciplines', async () => {
      await refused(() => requestJson('POST', `${registry}/projects`, project({ externalKey: 'NEW-1', wantedDisciplines: ['alchemy'] })), 400, 'wantedDisciplines', 'isIn');
    });

    it('an unknown field is a 400 naming it', async () => {
      await refused(() => requestJson('POST', `${registry}/projects`, project({ externalKey: 'NEW-1', budgetYuan: 50000 })), 400, 'budgetYuan', 'whitelistValidation');
    });

    it('a duplicate external key is a 409 naming externalKey', async () => {
      await refused(() => requestJson('POST', `${registry}/projects`, project()), 409, 'externalKey', 'unique');
    });

    it('a change that makes min > max, names an unknown district or an unknown field is a 400 naming it', async () => {
      await refused(() => requestJson('PATCH', `${registry}/projects/${activeId}`, { slots: { teacher: { min: 5, max: 1 }, student: { min: 1, max: 2 } } }), 400, 'slots.teacher.min');
      await refused(() => requestJson('PATCH', `${registry}/projects/${activeId}`, { districtId: 'atlantis' }), 400, 'districtId');
      await refused(() => requestJson('PATCH', `${registry}/projects/${activeId}`, { externalKey: 'RENAMED' }), 400, 'externalKey', 'whitelistValidation');
    });

    it('a withdrawn project cannot change (409) and an unknown one is a 404', async () => {
      await refused(() => requestJson('PATCH', `${registry}/projects/${withdrawnId}`, { name: '新名字' }), 409, 'status');
      await refused(() => requestJson('PATCH', `${registry}/projects/P99999`, { name: '新名字' }), 404);
      await refused(() => requestJson('POST', `${registry}/projects/P99999/withdraw`), 404);
    });

    it('a list filter naming an unknown district or a bad page is a 400 naming it', async () => {
      await refused(() => requestJson('GET', `${registry}/projects?districtId=atlantis`), 400, 'districtId');
      await refused(() => requestJson('GET', `${registry}/projects?pageSize=1001`), 400, 'pageSize');
      await refused(() => requestJson('GET', `${registry}/projects?colour=red`), 400, 'colour');
    });
  });

  describe('experts', () => {
    it('an unknown college is a 400 naming collegeId', async () => {
      await refused(() => requestJson('POST', `${pool}/experts`, expert({ externalKey: 'NEW-T', collegeId: 'hogwarts' })), 400, 'collegeId', 'isIn');
    });

    it("another university's college is a 400 naming collegeId", async () => {
      await refused(() => requestJson('POST', `${pool}/experts`, expert({ externalKey: 'NEW-T', collegeId: 'fdu_ssdpp' })), 400, 'collegeId', 'ofUniversity');
    });

    it('an unknown discipline is a 400 naming disciplines', async () => {
      await refused(() => requestJson('POST', `${pool}/experts`, expert({ externalKey: 'NEW-T', disciplines: ['sociology', 'alchemy'] })), 400, 'disciplines', 'isIn');
    });

    it('a preference naming a withdrawn project is a 400 naming preferences', async () => {
      await refused(() => requestJson('POST', `${pool}/experts`, expert({ externalKey: 'NEW-T', preferences: [activeId, withdrawnId] })), 400, 'preferences', 'activeProject');
      await refused(() => requestJson('PATCH', `${pool}/experts/${teacherId}`, { preferences: [withdrawnId] }), 400, 'preferences', 'activeProject');
    });

    it('a preference naming an unregistered project is a 400 naming preferences', async () => {
      await refused(() => requestJson('POST', `${pool}/experts`, expert({ externalKey: 'NEW-T', preferences: ['P99999'] })), 400, 'preferences', 'knownProject');
    });

    it('a duplicate external key is a 409 naming externalKey', async () => {
      await refused(() => requestJson('POST', `${pool}/experts`, expert()), 409, 'externalKey', 'unique');
    });

    it('unknown fields, a changed kind and out-of-range capacity are 400s naming the field', async () => {
      await refused(() => requestJson('POST', `${pool}/experts`, expert({ externalKey: 'NEW-T', wechat: 'abc' })), 400, 'wechat', 'whitelistValidation');
      await refused(() => requestJson('PATCH', `${pool}/experts/${teacherId}`, { kind: 'student' }), 400, 'kind', 'whitelistValidation');
      await refused(() => requestJson('PATCH', `${pool}/experts/${teacherId}`, { capacity: 11 }), 400, 'capacity', 'max');
      await refused(() => requestJson('GET', `${pool}/experts?discipline=alchemy`), 400, 'discipline');
      await refused(() => requestJson('GET', `${pool}/experts?available=maybe`), 400, 'available');
    });
  });

  describe('import files', () => {
    const projectsCsv = (...rows: (string | number)[][]) => [csvRow(PROJECT_CSV_COLUMNS), ...rows.map((r) => csvRow(r))].join(CSV_EOL) + CSV_EOL;
    const projectRow = (key: string, over: Partial<Record<(typeof PROJECT_CSV_COLUMNS)[number], string | number>> = {}) => {
      const row: Record<string, string | number> = {
        external_key: key,
        name_zh: '半淞园路街道·物业治理',
        name_en: 'Property governance, Huangpu',
        district_id: 'huangpu',
        district_code: '310101',
        street_code: '310101015',
        partner_street_codes: '',
        community_type: 'residential',
        issue_types: 'property_governance|pain_points',
        wanted_disciplines: 'law',
        teacher_min: 1,
        teacher_max: 3,
        student_min: 1,
        student_max: 4,
        lat: 31.2,
        lon: 121.49,
        ...over,
      };
      return PROJECT_CSV_COLUMNS.map((c) => row[c]);
    };

    it('a file that is not UTF-8 is a 400 naming the body', async () => {
      const gbk = Buffer.concat([Buffer.from(csvRow(PROJECT_CSV_COLUMNS) + CSV_EOL), Buffer.from([0xbb, 0xc6, 0xc6, 0xd6, 0x2c, 0x0d, 0x0a])]);
      await refused(() => upload(`${registry}/projects/imports`, new Uint8Array(gbk)), 400, 'body', 'utf8');
      await refused(() => upload(`${pool}/experts/imports`, new Uint8Array([0xff, 0xfe, 0x65, 0x00])), 400, 'body', 'utf8');
    });

    it('a declared non-UTF-8 charset is a 415', async () => {
      await refused(() => upload(`${registry}/projects/imports`, projectsCsv(projectRow('NEW-1')), 'text/csv; charset=gbk'), 415);
    });

    it('a missing or wrong header is a 400 naming the header', async () => {
      await refused(() => upload(`${registry}/projects/imports`, ''), 400, 'header', 'required');
      await refused(() => upload(`${registry}/projects/imports`, csvRow(projectRow('NEW-1')) + CSV_EOL), 400, 'header', 'columns');
      const renamed = projectsCsv(projectRow('NEW-1')).replace('district_id', 'district');
      await refused(() => upload(`${registry}/projects/imports`, renamed), 400, 'header', 'columns');
      await refused(() => upload(`${pool}/experts/imports`, projectsCsv(projectRow('NEW-1'))), 400, 'header', 'columns');
    });

    it('broken CSV quoting is a 400 naming the body and the line', async () => {
      const res = await refused(() => upload(`${registry}/projects/imports`, projectsCsv(projectRow('NEW-1')) + 'NEW-2,"never closed\r\n'), 400, 'body', 'csv');
      expect(res.body.error.message).toContain('line 3');
    });

    it('a 50 MB body is a 413', async () => {
      const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
      await refused(() => upload(`${registry}/projects/imports`, big), 413);
      await refused(() => upload(`${pool}/experts/imports`, big, 'application/json'), 413);
    });

    it('another media type is a 415, malformed JSON a 400, and a JSON body without rows a 400 naming rows', async () => {
      await refused(() => upload(`${registry}/projects/imports`, 'a,b', 'text/plain'), 415);
      await refused(() => upload(`${registry}/projects/imports`, '{"rows": [', 'application/json'), 400);
      await refused(() => requestJson('POST', `${pool}/experts/imports`, { items: [] }), 400, 'items');
      await refused(() => requestJson('POST', `${pool}/experts/imports`, { rows: 'all of them' }), 400, 'rows');
      await refused(() => requestJson('POST', `${registry}/projects/imports?mode=most`, { rows: [] }), 400, 'mode');
    });

    it('bad rows in all-or-nothing mode: the job is rejected with line, column and rule for each, and nothing is written', async () => {
      const before = await state();
      const csv = projectsCsv(
        projectRow('NEW-1'),
        projectRow('NEW-2', { district_id: 'atlantis' }),
        projectRow('NEW-3', { teacher_min: 5, teacher_max: 2 }),
        projectRow('NEW-4', { district_code: '310115' }),
        projectRow('NEW-1'),
        projectRow('NEW-5', { issue_types: 'pain_points|alchemy', lat: 'north' }),
      );
      const res = await upload(`${registry}/projects/imports`, csv);
      expect(res.status).toBe(202);
      const job = await finished(`${registry}/projects/imports/${res.body.id}`);
      expect(job).toMatchObject({ status: 'rejected', counts: { total: 6, checked: 6, imported: 0, rejected: 5 } });
      expect(job.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ line: 3, field: 'district_id', rule: 'isIn' }),
          expect.objectContaining({ line: 4, field: 'teacher_min', rule: 'notAbove' }),
          expect.objectContaining({ line: 5, field: 'district_code', rule: 'matchesDistrict' }),
          expect.objectContaining({ line: 6, field: 'external_key', rule: 'uniqueInFile' }),
          expect.objectContaining({ line: 7, field: 'issue_types', rule: 'isIn' }),
          expect.objectContaining({ line: 7, field: 'lat', rule: 'isNumber' }),
        ]),
      );
      expect(new Set(job.errors.map((e: { line: number }) => e.line))).toEqual(new Set([3, 4, 5, 6, 7]));
      expect(await state()).toEqual({ ...before, projectImports: before.projectImports + 1 });
    });

    it('bad expert rows (unknown college, withdrawn preference, wrong kind) reject the whole teachers file', async () => {
      const before = await state();
      const row = (key: string, over: Partial<Record<(typeof EXPERT_CSV_COLUMNS)[number], string | number>> = {}) => {
        const r: Record<string, string | number> = {
          external_key: key, name_zh: '赵勇（虚拟）', name_en: 'Zhao Yong (synthetic)', kind: 'teacher', university_id: 'fdu', college_id: 'fdu_ssdpp',
          disciplines: 'sociology', capacity: 1, availability: 'weekends', preferences: 'BAD-P1', lat: 31.299, lon: 121.503, ...over,
        };
        return EXPERT_CSV_COLUMNS.map((c) => r[c]);
      };
      const csv = [csvRow(EXPERT_CSV_COLUMNS), ...[
        row('NEW-T1'),
        row('NEW-T2', { college_id: 'hogwarts' }),
        row('NEW-T3', { preferences: 'BAD-P1|BAD-P2' }),
        row('NEW-T4', { kind: 'student' }),
        row('NEW-T5', { disciplines: 'alchemy', availability: 'never' }),
      ].map((r) => csvRow(r))].join(CSV_EOL) + CSV_EOL;
      const res = await upload(`${pool}/experts/imports?kind=teacher`, csv);
      expect(res.status).toBe(202);
      const job = await finished(`${pool}/experts/imports/${res.body.id}`);
      expect(job).toMatchObject({ status: 'rejected', counts: { total: 5, imported: 0, rejected: 4 } });
      expect(job.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ line: 3, field: 'college_id', rule: 'isIn' }),
          expect.objectContaining({ line: 4, field: 'preferences', rule: 'activeProject' }),
          expect.objectContaining({ line: 5, field: 'kind', rule: 'matchesImport' }),
          expect.objectContaining({ line: 6, field: 'disciplines', rule: 'isIn' }),
          expect.objectContaining({ line: 6, field: 'availability', rule: 'isIn' }),
        ]),
      );
      expect(await state()).toEqual({ ...before, expertImports: before.expertImports + 1 });
    });

    it('an unknown import id is a 404', async () => {
      await refused(() => requestJson('GET', `${registry}/projects/imports/not-a-job`), 404);
      await refused(() => requestJson('GET', `${pool}/experts/imports/00000000-0000-4000-8000-000000000000`), 404);
    });
  });

  it('no input produces a 500: odd bodies to every write endpoint are 4xx with the one error shape', async () => {
    const bodies: unknown[] = [
      [],
      [project()],
      'text',
      '42',
      'null',
      {},
      { slots: 'two' },
      { slots: { teacher: null, student: [] } },
      { issueTypes: 'pain_points', wantedDisciplines: [null, 1] },
      { location: { lat: 'x', lon: {} } },
      { preferences: [1, {}], disciplines: [[]] },
      { capacity: 1e308, available: 'yes', kind: ['teacher'] },
      { externalKey: 'x'.repeat(10_000), name: '' },
      { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
      { rows: [null, 1, 'a', [], { slots: { teacher: { min: '1', max: -1 } } }] },
    ];
    const targets: [string, string][] = [
      ['POST', `${registry}/projects`],
      ['PATCH', `${registry}/projects/${activeId}`],
      ['POST', `${pool}/experts`],
      ['PATCH', `${pool}/experts/${teacherId}`],
      ['POST', `${registry}/projects/imports`],
      ['POST', `${pool}/experts/imports`],
    ];
    for (const [method, url] of targets) {
      for (const body of bodies) {
        const payload = typeof body === 'string' ? body : JSON.stringify(body);
        const res = await requestJson(method, url, payload, { 'content-type': 'application/json' });
        if (res.status >= 500 || res.status < 200) throw new Error(`${method} ${url} ${payload.slice(0, 80)} → ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status >= 400) expect(res.body.error).toEqual(expect.objectContaining({ status: res.status, code: expect.any(String) }));
      }
    }
    // Import jobs accepted above must end without failing.
    for (const [service, path] of [[registryDb, 'projects'], [poolDb, 'experts']] as const) {
      await waitFor(`${path} import jobs to end`, async () => (await service.query(`SELECT 1 FROM import_job WHERE status IN ('queued', 'running')`)).rowCount === 0);
      const { rows } = await service.query(`SELECT count(*)::int AS n FROM import_job WHERE status = 'failed'`);
      expect(rows[0].n).toBe(0);
    }
  });
});
