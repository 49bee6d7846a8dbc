import { DomainError, type CoordinatorV1 } from '@civic/contracts';
import type { EntityManager } from 'typeorm';
import type { CoordinatorsStore } from '../coordinators.store';
import type { CoordinatorsRow } from '../coordinators.view';
import { SetCoordinatorsService } from './set-coordinators.service';

/** university_coordinators in memory, counting the coordinators.set events the real store would emit. */
function fakeStore() {
  const rows = new Map<string, CoordinatorsRow>();
  let emitted = 0;
  const store = {
    transaction: <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager),
    lockUniversity: async (_m: EntityManager, id: string) => rows.get(id),
    replace: async (_m: EntityManager, id: string, coordinators: CoordinatorV1[]) => {
      const row = { university_id: id, coordinators, revision: (rows.get(id)?.revision ?? 0) + 1, updated_at: new Date() } as CoordinatorsRow;
      rows.set(id, row);
      emitted++;
      return row;
    },
  };
  return { service: new SetCoordinatorsService(store as unknown as CoordinatorsStore), emitted: () => emitted };
}

const wang = { email: ' Wang@Example.org ', name: ' 王晓明 ', language: 'zh-CN' as const };

describe('SetCoordinatorsService', () => {
  it('stores the list trimmed and lower-cased and emits once; the same list again changes nothing', async () => {
    const { service, emitted } = fakeStore();
    const first = await service.set('fdu', { coordinators: [wang] });
    expect(first).toMatchObject({ universityId: 'fdu', revision: 1, coordinators: [{ email: 'wang@example.org', name: '王晓明', language: 'zh-CN' }] });
    expect((await service.set('fdu', { coordinators: [{ ...wang, email: 'wang@example.org' }] })).revision).toBe(1);
    expect(emitted()).toBe(1);
  });

  it('refuses an address listed twice, naming the second as the validation pipe names fields', async () => {
    const { service, emitted } = fakeStore();
    const refused = await service.set('fdu', { coordinators: [wang, { ...wang, name: 'other' }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'validation_failed', details: [{ field: 'coordinators.1.email', rule: 'unique' }] });
    expect(emitted()).toBe(0);
  });

  it('refuses a university the catalogue does not know with not_found', async () => {
    await expect(fakeStore().service.set('nowhere', { coordinators: [] })).rejects.toMatchObject({ code: 'not_found' });
  });
});
