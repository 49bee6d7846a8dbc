import type { ImportRow } from '@civic/imports';
import type { DataSource } from 'typeorm';
import type { ExpertPoolConfig } from '../../expert-pool.config';
import type { CheckedExpert, ExpertChecks } from '../expert.checks';
import type { ExpertStore } from '../expert.store';
import type { KnownProjectsWait } from '../../known-projects/known-projects.service';
import { ImportExpertsService } from './import-experts.service';

/** ExpertChecks that remembers how it was asked and finds `unknown` preferences unknown. */
function fakeChecks(unknown: string[]) {
  const calls: { prefsBy: string; wait?: KnownProjectsWait }[] = [];
  const checks = {
    async check(plains: Record<string, unknown>[], prefsBy: string, wait?: KnownProjectsWait): Promise<CheckedExpert[]> {
      calls.push({ prefsBy, wait });
      return plains.map((p) => ({
        value: { ...p } as unknown as CheckedExpert['value'],
        problems: (p.preferences as string[])
          .filter((r) => unknown.includes(r))
          .map((r) => ({ field: 'preferences', rule: 'knownProject', message: `unknown ${r}` })),
      }));
    },
  };
  return { checks: checks as unknown as ExpertChecks, calls };
}

const row = (line: number, key: string, preferences: string): ImportRow => ({
  line,
  values: {
    external_key: key, name_zh: '钱明', name_en: '', kind: 'teacher', university_id: 'fdu', college_id: 'fdu_ssdpp', disciplines: 'sociology',
    capacity: '1', availability: '', preferences, lat: '', lon: '',
  },
});

function service(unknown: string[]) {
  const { checks, calls } = fakeChecks(unknown);
  const config = { IMPORT_PREFERENCES_WAIT_MS: 30_000 } as ExpertPoolConfig;
  return { adapter: new ImportExpertsService({} as DataSource, checks, {} as ExpertStore, config), calls };
}

const context = (jobId: string) => ({ jobId, signal: new AbortController().signal });

describe('ImportExpertsService.check', () => {
  it('asks for a wait on projects not heard of yet, by external key for a CSV', async () => {
    const { adapter, calls } = service([]);
    const [result] = await adapter.check([row(2, 'T1', 'P00001')], 'csv', {}, context('job-1'));
    expect(result).toMatchObject({ ok: true, key: 'T1' });
    expect(calls).toEqual([{ prefsBy: 'externalKey', wait: expect.objectContaining({ idleMs: 30_000 }) }]);
  });

  it('after a batch waited in vain (a key that never came), the later batches of that job do not wait again', async () => {
    const { adapter, calls } = service(['TYPO']);
    const [first] = await adapter.check([row(2, 'T1', 'TYPO')], 'csv', {}, context('job-1'));
    expect(first).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'preferences', rule: 'knownProject' })] });
    await adapter.check([row(502, 'T2', 'P00001')], 'csv', {}, context('job-1'));
    await adapter.check([row(2, 'T3', 'P00001')], 'csv', {}, context('job-2'));
    expect(calls.map((c) => c.wait !== undefined)).toEqual([true, false, true]);
  });

  it('refuses a row of the other kind when the import names one, under the CSV column', async () => {
    const { adapter } = service([]);
    const [result] = await adapter.check([row(2, 'T1', '')], 'csv', { kind: 'student' }, context('job-1'));
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'kind', rule: 'matchesImport' })] });
  });
});
