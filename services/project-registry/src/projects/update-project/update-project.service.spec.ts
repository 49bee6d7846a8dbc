import { DomainError } from '@civic/contracts';
import type { EntityManager } from 'typeorm';
import { ProjectEntity, ProjectInput } from '../project.entity';
import type { ExistingProjectPolicy, ProjectStore, ProjectWrite } from '../project.store';
import { WithdrawProjectService } from '../withdraw-project/withdraw-project.service';
import { UpdateProjectService } from './update-project.service';

/**
 * An in-memory ProjectStore for the use cases' unit specs: projects by id, written by external key, and the events
 * the real store would have put in the outbox.
 */
class FakeProjectStore {
  readonly byId = new Map<string, ProjectEntity>();
  readonly events: Array<{ type: string; key: string }> = [];
  private next = 1;

  constructor(projects: ProjectEntity[] = []) {
    for (const p of projects) this.byId.set(p.id, p);
  }

  asStore(): ProjectStore {
    return this as unknown as ProjectStore;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return work({} as EntityManager);
  }

  async findById(id: string): Promise<ProjectEntity | null> {
    return this.byId.get(id) ?? null;
  }

  async lockById(_m: EntityManager, id: string): Promise<ProjectEntity | null> {
    return this.byId.get(id) ?? null;
  }

  async saveWithdrawn(_m: EntityManager, project: ProjectEntity): Promise<void> {
    this.byId.set(project.id, project);
    this.events.push({ type: 'project.withdrawn', key: project.id });
  }

  async write(_m: EntityManager, inputs: readonly ProjectInput[], existing: ExistingProjectPolicy): Promise<ProjectWrite[]> {
    return inputs.map((input) => {
      const project = [...this.byId.values()].find((p) => p.externalKey === input.externalKey);
      if (!project) {
        const fresh = ProjectEntity.register(`P${String(this.next++).padStart(5, '0')}`, input);
        this.byId.set(fresh.id, fresh);
        this.events.push({ type: 'project.registered', key: fresh.id });
        return { outcome: 'created', project: fresh };
      }
      if (existing === 'refuse') return { outcome: 'exists', project };
      if (!project.revise(input)) return { outcome: 'unchanged', project };
      this.events.push({ type: 'project.updated', key: project.id });
      return { outcome: 'updated', project };
    });
  }
}

const input = (over: Partial<ProjectInput> = {}): ProjectInput => ({
  externalKey: 'K-1',
  name: '西凌新邨“联小建大”物业治理',
  districtId: 'huangpu',
  streetCode: '310101015',
  communityType: 'residential',
  issueTypes: ['property_governance'],
  slots: { teacher: { min: 1, max: 3 }, student: { min: 2, max: 4 } },
  ...over,
});

function setUp() {
  const store = new FakeProjectStore([ProjectEntity.register('P00001', input())]);
  return { store, update: new UpdateProjectService(store.asStore()), withdraw: new WithdrawProjectService(store.asStore()) };
}

/** The code and the fields of the DomainError `work` rejects with. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  const e = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return { code: e.code, fields: (e.details ?? []).map((d) => `${d.field}/${d.rule}`) };
}

describe('UpdateProjectService', () => {
  it('merges the change into the stored project, bumps its revision and emits project.updated', async () => {
    const { store, update } = setUp();
    const project = await update.update('P00001', { slots: { teacher: { min: 2, max: 3 }, student: { min: 2, max: 4 } } });
    expect(project).toMatchObject({ id: 'P00001', name: '西凌新邨“联小建大”物业治理', revision: 2 });
    expect(store.events).toEqual([{ type: 'project.updated', key: 'P00001' }]);
  });

  it('an identical change writes nothing and emits nothing', async () => {
    const { store, update } = setUp();
    expect((await update.update('P00001', { name: '西凌新邨“联小建大”物业治理' })).revision).toBe(1);
    expect(store.events).toEqual([]);
  });

  it('refuses an unknown project with not_found', async () => {
    expect(await refusal(setUp().update.update('P09999', { name: 'x' }))).toEqual({ code: 'not_found', fields: [] });
  });

  it('refuses a change that breaks a rule of registration with validation_failed naming the field and rule', async () => {
    const { store, update } = setUp();
    const bad = await refusal(update.update('P00001', { slots: { teacher: { min: 4, max: 3 }, student: { min: 2, max: 4 } } }));
    expect(bad.code).toBe('validation_failed');
    expect(bad.fields).toContain('slots.teacher.min/notAbove');
    expect(store.events).toEqual([]);
  });

  it('refuses to change a withdrawn project with a conflict naming status', async () => {
    const { withdraw, update } = setUp();
    await withdraw.withdraw('P00001');
    expect(await refusal(update.update('P00001', { name: 'x' }))).toEqual({ code: 'conflict', fields: ['status/notWithdrawn'] });
  });
});

describe('WithdrawProjectService', () => {
  it('withdraws once and emits project.withdrawn; withdrawing again changes nothing', async () => {
    const { store, withdraw } = setUp();
    expect((await withdraw.withdraw('P00001')).status).toBe('withdrawn');
    expect((await withdraw.withdraw('P00001')).status).toBe('withdrawn');
    expect(store.events).toEqual([{ type: 'project.withdrawn', key: 'P00001' }]);
  });

  it('refuses an unknown project with not_found', async () => {
    expect(await refusal(setUp().withdraw.withdraw('P09999'))).toMatchObject({ code: 'not_found' });
  });
});
