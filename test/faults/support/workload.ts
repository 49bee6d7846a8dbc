import { generateSeason, projectsCsv, type SeasonExpert, type SeasonProject } from '@civic/catalogue';
import { tryApi } from './api';

/** What the writers were told: the highest revision acknowledged (2xx) per project and expert, and what was refused. */
export interface WriteLedger {
  projects: Map<string, number>;
  experts: Map<string, number>;
  /** Writes answered 2xx. */
  acked: number;
  /** Writes not acknowledged, by status (0: no answer at all). */
  refused: Map<number, number>;
}

export interface WriterTargets {
  /** project-registry replicas' URLs (writes go round-robin). */
  registry: string[];
  /** expert-pool replicas' URLs. */
  pool: string[];
}

type Operation = 'registerProject' | 'updateProject' | 'registerExpert' | 'updateExpert';

/**
 * Writes projects and experts over HTTP as the programme's administrators would, registering new ones and changing
 * known ones (each change is a new revision and an event), and records which writes were acknowledged.
 */
export class Writer {
  private static readonly live = new Set<Writer>();
  private halted = false;

  /** Stops every writer's loops (the fault setup calls it after each test, so a failed test leaves none running). */
  static haltAll(): void {
    for (const w of Writer.live) w.halted = true;
    Writer.live.clear();
  }

  readonly ledger: WriteLedger = { projects: new Map(), experts: new Map(), acked: 0, refused: new Map() };
  private readonly projects: SeasonProject[];
  private readonly experts: SeasonExpert[];
  private nextProject = 0;
  private nextExpert = 0;
  private turn = 0;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly targets: WriterTargets,
    private readonly prefix: string,
    seed = 11,
  ) {
    const season = generateSeason({ seed, scale: 4 });
    this.projects = season.projects;
    this.experts = [...season.teachers, ...season.students];
  }

  /**
   * Imports `count` new projects in one job (one transaction, so their events reach Kafka as a burst); resolves
   * with the external keys once the job has completed (the acknowledgement of an import).
   */
  async importProjects(count: number, burst: number): Promise<string[]> {
    const rows = this.projects.slice(0, count).map((p, k) => ({ ...p, id: `${this.prefix}-I${burst}-${k}` }));
    const base = this.targets.registry[0];
    // A lost answer (a reset connection on a busy machine) is retried: re-importing the same rows changes nothing.
    type Job = { id: string; status: string; errors: unknown[] };
    let job: Job | undefined;
    for (let attempt = 1; job === undefined; attempt++) {
      const res: Response | undefined = await fetch(`${base}/projects/imports?mode=all-or-nothing`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: projectsCsv(rows),
      }).catch((e) => {
        if (attempt >= 5) throw e;
        return undefined;
      });
      if (res && res.status !== 202) throw new Error(`import refused with ${res.status}: ${await res.text()}`);
      if (res) job = (await res.json()) as Job;
      else await new Promise((r) => setTimeout(r, 1000));
    }
    let current: Job = job;
    while (current.status === 'queued' || current.status === 'running') {
      await new Promise((r) => setTimeout(r, 250));
      const res: Response | undefined = await fetch(`${base}/projects/imports/${current.id}`).catch(() => undefined);
      if (res?.status === 200) current = (await res.json()) as Job;
    }
    if (current.status !== 'completed') throw new Error(`import ${current.id} ended ${current.status}: ${JSON.stringify(current.errors.slice(0, 3))}`);
    return rows.map((r) => r.id);
  }

  /** Adds writes acknowledged another way (an import job) to the ledger. */
  acknowledge(what: 'projects' | 'experts', revisions: Iterable<[string, number]>): void {
    for (const [id, revision] of revisions) {
      this.ledger.acked++;
      this.ledger[what].set(id, Math.max(this.ledger[what].get(id) ?? 0, revision));
    }
  }

  /** Issues writes with `concurrency` in flight until `stop()` says so or `operations` were issued. */
  async run(options: { concurrency: number; operations?: number; stop?: () => boolean; mix?: Partial<Record<Operation, number>> }): Promise<void> {
    let issued = 0;
    Writer.live.add(this);
    const mix = { registerProject: 3, updateProject: 3, registerExpert: 2, updateExpert: 2, ...options.mix };
    const lane = async () => {
      while (!this.halted && !(options.stop?.() ?? false) && (options.operations === undefined || issued < options.operations)) {
        issued++;
        await this.step(pick(mix));
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, lane));
  }

  /** One write of the given kind (an update falls back to a registration while nothing is known yet). */
  async step(op: Operation): Promise<void> {
    const url = (list: string[]) => list[this.turn++ % list.length];
    if (op === 'updateProject' && this.ledger.projects.size > 0) {
      const id = randomKey(this.ledger.projects);
      const res = await tryApi('PATCH', `${url(this.targets.registry)}/projects/${id}`, { name: `${this.names.get(id)}·${Date.now() % 100000}` });
      return this.record(res, this.ledger.projects, id);
    }
    if (op === 'updateExpert' && this.ledger.experts.size > 0) {
      const id = randomKey(this.ledger.experts);
      const res = await tryApi('PATCH', `${url(this.targets.pool)}/experts/${id}`, { capacity: 1 + (Date.now() % 5) });
      return this.record(res, this.ledger.experts, id);
    }
    if (op === 'registerExpert' || op === 'updateExpert') {
      const e = this.experts[this.nextExpert++ % this.experts.length];
      const res = await tryApi('POST', `${url(this.targets.pool)}/experts`, {
        externalKey: `${this.prefix}-E${this.nextExpert}`,
        kind: e.kind,
        name: e.nameZh,
        nameEn: e.nameEn,
        universityId: e.universityId,
        collegeId: e.collegeId,
        disciplines: e.disciplines,
        capacity: e.capacity,
        availability: e.availability,
        location: e.location,
      });
      return this.record(res, this.ledger.experts, res.body?.expertId);
    }
    await this.registerProject();
  }

  /** Registers a new project (under the given external key, or the next generated one); its id when acknowledged. */
  async registerProject(externalKey?: string): Promise<string | undefined> {
    const p = this.projects[this.nextProject++ % this.projects.length];
    const res = await tryApi('POST', `${this.targets.registry[this.turn++ % this.targets.registry.length]}/projects`, {
      externalKey: externalKey ?? `${this.prefix}-P${this.nextProject}`,
      name: p.nameZh,
      nameEn: p.nameEn,
      districtId: p.districtId,
      streetCode: p.streetCode,
      partnerStreetCodes: p.partnerStreetCodes,
      communityType: p.communityType,
      issueTypes: p.issueTypes,
      wantedDisciplines: p.wantedDisciplines,
      slots: p.slots,
      location: p.location,
    });
    if (res.body?.projectId) this.names.set(res.body.projectId, p.nameZh);
    this.record(res, this.ledger.projects, res.body?.projectId);
    return res.status >= 200 && res.status < 300 ? res.body.projectId : undefined;
  }

  private record(res: { status: number; body?: any }, into: Map<string, number>, id: string | undefined): void {
    if (res.status >= 200 && res.status < 300 && id) {
      this.ledger.acked++;
      into.set(id, Math.max(into.get(id) ?? 0, Number(res.body.revision)));
      return;
    }
    if (res.status === 400) throw new Error(`the workload sent a bad request: ${JSON.stringify(res.body)}`);
    this.ledger.refused.set(res.status, (this.ledger.refused.get(res.status) ?? 0) + 1);
  }
}

function pick<T extends string>(weights: Record<T, number>): T {
  const entries = Object.entries(weights) as Array<[T, number]>;
  let r = Math.random() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((r -= w) < 0) return k;
  return entries[0][0];
}

function randomKey(map: Map<string, number>): string {
  const keys = [...map.keys()];
  return keys[Math.floor(Math.random() * keys.length)];
}
