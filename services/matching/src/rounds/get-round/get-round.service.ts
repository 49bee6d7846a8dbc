import { Injectable } from '@nestjs/common';
import { DomainError, type AssignmentSnapshotV1, type AssignmentStatus, type DraftAssignmentV1, type Page, type RoundAuditEntry, type RoundView } from '@civic/contracts';
import { pageOf, type PageQuery, toPage } from '@civic/platform';
import { AssignmentStore } from '../../shared/assignment.store';
import { toAssignmentSnapshot } from '../../shared/domain/assignment.record';
import type { RoundRecord } from '../../shared/domain/round.record';
import { RoundStore } from '../../shared/round.store';
import { LifecycleStore } from '../lifecycle.store';
import { toRoundView } from './round.view';

/** Reads of rounds: the list, one round with its live figures and teams, its assignments, its draft and its audit. */
@Injectable()
export class GetRoundService {
  constructor(
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    private readonly lifecycle: LifecycleStore,
  ) {}

  /** A page of rounds, newest first, without their figures. */
  async list(q: PageQuery): Promise<Page<RoundView>> {
    const at = pageOf(q);
    const { rounds, total } = await this.rounds.page(at);
    return toPage(rounds.map((r) => toRoundView(r)), at, total);
  }

  /** A round with its live figures and teams; not_found when there is none. */
  async get(id: string): Promise<RoundView> {
    const round = await this.existing(id);
    const m = this.rounds.manager;
    const [live, teams] = await Promise.all([this.rounds.liveFigures(m, round), this.rounds.loadTeams(m, round.id)]);
    return toRoundView(round, live, teams);
  }

  /** A round's assignments (optionally of some statuses), by id. */
  async assignmentsOf(id: string, statuses?: readonly AssignmentStatus[]): Promise<AssignmentSnapshotV1[]> {
    await this.existing(id);
    return (await this.assignments.ofRound(this.assignments.manager, id, statuses)).map(toAssignmentSnapshot);
  }

  /** A draft's assignments (empty once published). */
  async draftOf(id: string): Promise<DraftAssignmentV1[]> {
    await this.existing(id);
    return this.lifecycle.drafts(this.rounds.manager, id);
  }

  /** Every administrator's action on the round. */
  async auditOf(id: string): Promise<RoundAuditEntry[]> {
    await this.existing(id);
    return this.lifecycle.auditOf(this.rounds.manager, id);
  }

  private async existing(id: string): Promise<RoundRecord> {
    const round = await this.rounds.findById(this.rounds.manager, id);
    if (!round) throw DomainError.notFound('round', id);
    return round;
  }
}
