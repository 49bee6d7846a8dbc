import type { EntityManager } from 'typeorm';
import { ProjectEntity, ProjectInput } from './project.entity';
import type { ExistingProjectPolicy, ProjectStore, ProjectWrite } from './project.store';

/**
 * An in-memory ProjectStore for the use cases' unit specs: projects by id, written by external key, and the events
 * the real store would have put in the outbox.
 */
export class FakeProjectStore {
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
