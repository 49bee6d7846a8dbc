import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ERROR_CODES,
  type DraftAssignmentV1,
  type ExpertProjectPair,
  type MatchingInstanceV1,
  type MatchingObjective,
  type MatchingResultV1,
  type ResultTeam,
  type RoundCertificateV1,
  type RoundEditV1,
  type RoundFiguresV1,
  type RoundUnderfilledSlotV1,
} from '@civic/contracts';
import { validateInstance } from '@civic/matching-engine';
import { SERVICE_CONFIG } from '@civic/platform';
import { currentInstance, withCurrentHoldings } from '../../shared/domain/current-instance';
import { MatchingConfig } from '../../matching.config';
import { draftOf } from '../domain/draft-assignments';
import { engineIssues, ruleProblems } from '../domain/draft-edits';
import { coverageOf } from '../../shared/domain/round-figures';
import { leadUniversities, roundTeams } from '../../shared/domain/round-teams';
import type { RoundRecord } from '../../shared/domain/round.record';
import { RoundStore } from '../../shared/round.store';
import { EngineJobError, EngineRunner } from '../../shared/engine/engine-runner';
import { ownObjective, pairKey, roundCertificate, toProposals } from '../../shared/domain/to-assignments';

/** A draft after a minimal re-optimisation: its assignments and everything the round stores and announces with them. */
export interface SolvedDraft {
  drafts: DraftAssignmentV1[];
  teams: ResultTeam[];
  objective: MatchingObjective;
  certificate: RoundCertificateV1 | null;
  underfilled: RoundUnderfilledSlotV1[];
  figures: RoundFiguresV1;
}

/** What a re-optimisation of a draft keeps, adds and takes out. */
export interface DraftChange {
  /** The draft now. */
  drafts: readonly DraftAssignmentV1[];
  /** Pairs to pin (placed by hand). */
  pins: readonly ExpertProjectPair[];
  /** Pairs to take out and forbid (edits), or that no longer hold (publishing after a change). */
  removals: readonly ExpertProjectPair[];
  /** Pairs the round forbids already (earlier removals). */
  forbidden: readonly ExpertProjectPair[];
  /** The edits, to name the one that breaks a rule (absent when publishing). */
  edits?: readonly RoundEditV1[];
  /** Publishing: bring the instance up to date with the world now (availability, capacity, what other rounds hold). */
  now?: {
    experts: ReadonlyArray<{ expert_id: string; available: boolean; capacity: number }>;
    projects: ReadonlyArray<{ project_id: string; status: string; slots: MatchingInstanceV1['projects'][number]['slots'] }>;
    heldElsewhere: ReadonlyArray<{ expertId: string; projectId: string; kind: 'teacher' | 'student' }>;
  };
}

/**
 * Re-optimises a draft minimally with the engine's re-match (its public API, in the worker): every assignment of the
 * draft that is not taken out is pinned, the pairs taken out are forbidden, new pins are forced, and the engine fills
 * only what was freed. The pinned model is checked first with the engine's own validation, so an edit that breaks a
 * hard rule is refused (422, naming the rule) before anything runs.
 */
@Injectable()
export class DraftSolver {
  constructor(
    private readonly rounds: RoundStore,
    private readonly engine: EngineRunner,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  /** The round's stored instance (what its solve saw). */
  async instanceOf(roundId: string): Promise<MatchingInstanceV1> {
    const stored = await this.rounds.loadInstance(this.rounds.manager, roundId);
    if (!stored) throw new Error(`round ${roundId} has no stored instance`);
    return stored;
  }

  async solve(round: RoundRecord, change: DraftChange): Promise<SolvedDraft> {
    const stored = await this.instanceOf(round.id);
    const removed = new Set(change.removals.map(pairKey));
    const pinned = new Set(change.pins.map(pairKey));
    const kept = change.drafts.filter((d) => !removed.has(pairKey(d)));
    const keptPairs = kept.map((d) => ({ expertId: d.expertId, projectId: d.projectId, kind: d.expertKind }));
    const forbidden = dedupe([...(stored.forbidden ?? []), ...change.forbidden.filter((f) => !pinned.has(pairKey(f)))]);
    let instance: MatchingInstanceV1 = { ...stored, forbidden };
    let declined = [...change.removals];
    if (change.now) {
      const current = currentInstance(
        instance,
        keptPairs,
        declined,
        new Set(change.now.experts.filter((r) => !r.available).map((r) => r.expert_id)),
        new Set(change.now.projects.filter((r) => r.status !== 'active').map((r) => r.project_id)),
      );
      instance = withCurrentHoldings(current.instance, keptPairs, change.now.heldElsewhere, {
        capacity: new Map(change.now.experts.map((r) => [r.expert_id, r.capacity])),
        slots: new Map(change.now.projects.map((r) => [r.project_id, r.slots])),
      });
      declined = current.declined;
    }
    const kindOf = new Map(instance.experts.map((e) => [e.id, e.kind]));
    const newPins = change.pins.filter((p) => !kept.some((d) => pairKey(d) === pairKey(p)));
    const previousPairs = [...kept.map((d) => ({ expertId: d.expertId, projectId: d.projectId })), ...newPins];

    // The pinned model the re-match will solve: refuse an edit that breaks a hard rule before running anything.
    const issues = validateInstance({ ...instance, pinned: dedupe([...(instance.pinned ?? []), ...previousPairs]), forbidden: dedupe([...(instance.forbidden ?? []), ...declined]) });
    if (issues.length) {
      const details = ruleProblems(issues, change.edits ?? []);
      throw new DomainError(ERROR_CODES.editBreaksRule, details.map((d) => d.message).join('; '), details);
    }
    const previous: MatchingResultV1 = {
      version: 1,
      strategy: round.strategy,
      assignments: previousPairs.map((p) => ({ ...p, weight: 0, pinned: true, explanation: { parts: {}, issueType: '', discipline: '' } })),
      objective: round.objective ?? { coverage: 0, weight: 0 },
      underfilled: [],
      unassigned: [],
      stats: { eligiblePairs: 0, solveMs: 0, changedAssignments: 0, bound: null, gapPct: null },
      teams: await this.rounds.loadTeams(this.rounds.manager, round.id),
    };
    let result: MatchingResultV1;
    try {
      ({ result } = await this.engine.run({ kind: 'rematch', instance, previous, declined }, () => undefined, this.config.ROUND_SOLVE_TIMEOUT_MS));
    } catch (e) {
      if (e instanceof EngineJobError && e.invalid) {
        const details = ruleProblems(engineIssues(e.message), change.edits ?? []);
        throw new DomainError(ERROR_CODES.editBreaksRule, details.map((d) => d.message).join('; '), details);
      }
      throw e;
    }
    // The engine's instance pins are other rounds' holdings: the draft is the rest.
    const held = new Set((instance.pinned ?? []).map(pairKey));
    const own = result.assignments.filter((a) => !held.has(pairKey(a)));
    const teams = roundTeams(instance, result);
    const now = new Date();
    const proposals = toProposals(own, instance, { roundId: round.id, origin: 'round', now, deadline: now, lead: leadUniversities(teams) });
    const handBefore = new Set(change.drafts.filter((d) => d.placedBy === 'hand').map(pairKey));
    const drafts = proposals.map((p) => draftOf(p, pinned.has(pairKey(p)) || handBefore.has(pairKey(p)) ? 'hand' : 'engine'));
    const projects = await this.rounds.loadProjects(this.rounds.manager, round.id);
    const coverage = coverageOf(
      projects,
      drafts.map((d) => ({ projectId: d.projectId, kind: kindOf.get(d.expertId) ?? d.expertKind, count: 1, weight: d.weight })),
      result.underfilled,
    );
    const figures: RoundFiguresV1 = {
      projects: projects.length,
      experts: round.figures?.experts ?? instance.experts.length,
      eligiblePairs: result.stats.eligiblePairs,
      requiredSlots: coverage.requiredSlots,
      coveredSlots: coverage.coveredSlots,
      coverageRatio: coverage.coverageRatio,
      weight: coverage.weight,
      assignments: { total: drafts.length, proposed: drafts.length, accepted: 0, declined: 0, expired: 0 },
      underfilledSlots: result.underfilled.length,
      unassignedExperts: result.unassigned.length,
    };
    return { drafts, teams, objective: ownObjective(instance, result), certificate: roundCertificate(instance, result), underfilled: result.underfilled, figures };
  }
}

function dedupe(pairs: readonly ExpertProjectPair[]): ExpertProjectPair[] {
  const seen = new Map<string, ExpertProjectPair>();
  for (const p of pairs) seen.set(pairKey(p), { expertId: p.expertId, projectId: p.projectId });
  return [...seen.values()];
}
