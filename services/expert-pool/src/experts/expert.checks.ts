import { Injectable } from '@nestjs/common';
import { validateAs } from '@civic/imports';
import type { FieldProblem } from '@civic/platform';
import { KnownProjectsService, KnownProjectsWait, ProjectRef } from '../known-projects/known-projects.service';
import { ExpertEntity } from './expert.entity';
import { ExpertStore } from './expert.store';
import { RegisterExpertDto } from './register-expert/register-expert.dto';

export interface CheckedExpert {
  value: RegisterExpertDto;
  problems: FieldProblem[];
}

const PROJECT_ID = /^P\d{5,}$/;

/**
 * The one place an expert is checked, for POST, PATCH and every import row: the DTO's rules (unknown fields refused),
 * the college belonging to the university, and the preferences. A preference must name a project expert-pool knows
 * of; a withdrawn project may stay where it already was, but cannot be added. Imports first wait (within bounds) for
 * projects expert-pool has not learned of yet, so their outcome does not depend on how far Kafka has got.
 */
@Injectable()
export class ExpertChecks {
  constructor(
    private readonly store: ExpertStore,
    private readonly known: KnownProjectsService,
  ) {}

  /**
   * Checks plain inputs in one go (a few queries for the whole batch). `prefsBy` says how preferences name projects;
   * external keys (the CSV's) are translated to registry ids in the returned values. With `wait`, preferences naming
   * projects not known yet are looked up again until they arrive or the wait gives up; without it they fail at once.
   */
  async check(plains: Record<string, unknown>[], prefsBy: ProjectRef, wait?: KnownProjectsWait): Promise<CheckedExpert[]> {
    // Only a ref that could name a project is worth waiting for; a malformed id is the DTO's to report.
    const refs = plains.flatMap(refsOf).filter((r) => (prefsBy === 'id' ? PROJECT_ID.test(r) : r !== ''));
    const known = wait ? await this.known.lookupWhenKnown(refs, prefsBy, wait) : await this.known.lookup(refs, prefsBy);
    const stored = await this.store.preferencesByKey(plains.map((p) => p.externalKey).filter((k): k is string => typeof k === 'string'));
    return Promise.all(
      plains.map(async (plain) => {
        const refs = refsOf(plain);
        const kept = new Set(typeof plain.externalKey === 'string' ? stored.get(plain.externalKey) : undefined);
        const preferenceProblems: FieldProblem[] = [];
        for (const ref of refs) {
          const project = known.get(ref);
          // A malformed id is the DTO's to report; do not report it twice.
          if (!project && (prefsBy === 'externalKey' || PROJECT_ID.test(ref))) {
            preferenceProblems.push({ field: 'preferences', rule: 'knownProject', message: unknownProjectMessage(ref, prefsBy) });
          } else if (project?.status === 'withdrawn' && !kept.has(project.projectId)) {
            preferenceProblems.push({ field: 'preferences', rule: 'activeProject', message: `preferences names project ${ref}, which is withdrawn` });
          }
        }
        const input =
          prefsBy === 'externalKey' && Array.isArray(plain.preferences)
            ? { ...plain, preferences: refs.map((r) => known.get(r)?.projectId).filter((id): id is string => id !== undefined) }
            : plain;
        const { value, problems } = await validateAs(RegisterExpertDto, input);
        if (problems.length === 0) problems.push(...ExpertEntity.ruleProblems(value));
        return { value, problems: [...problems, ...preferenceProblems] };
      }),
    );
  }
}

function unknownProjectMessage(ref: string, prefsBy: ProjectRef): string {
  return prefsBy === 'externalKey'
    ? `preferences names the project with external key ${ref}, which expert-pool has not heard of from project-registry: import the projects first, or correct the key`
    : `preferences names project ${ref}, which expert-pool has not heard of from project-registry: register the project first, or try again in a moment`;
}

function refsOf(plain: Record<string, unknown>): string[] {
  return Array.isArray(plain.preferences) ? plain.preferences.filter((r): r is string => typeof r === 'string') : [];
}
