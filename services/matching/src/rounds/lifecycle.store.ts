import { Injectable } from '@nestjs/common';
import type { DraftAssignmentV1, ExpertProjectPair, RoundAuditAction, RoundAuditEntry, RoundExpertGroupV1, RoundStatus } from '@civic/contracts';
import type { EntityManager } from 'typeorm';
import { updatedRows } from '../shared/infrastructure/updated-rows';

/** SQL of the round lifecycle: drafts, the pairs a round forbids, the audit, and the status changes of publish, cancel and withdraw. */
@Injectable()
export class LifecycleStore {
  /** Replaces a round's draft assignments. */
  async replace(m: EntityManager, roundId: string, drafts: readonly DraftAssignmentV1[]): Promise<void> {
    await m.query(`DELETE FROM draft_assignment WHERE round_id = $1`, [roundId]);
    if (drafts.length === 0) return;
    await m.query(
      `INSERT INTO draft_assignment (round_id, expert_id, project_id, kind, weight, placed_by, draft)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[])`,
      [
        roundId,
        drafts.map((d) => d.expertId),
        drafts.map((d) => d.projectId),
        drafts.map((d) => d.expertKind),
        drafts.map((d) => d.weight),
        drafts.map((d) => d.placedBy),
        drafts.map((d) => JSON.stringify(d)),
      ],
    );
  }

  /** A round's draft assignments, by project then expert. */
  async drafts(m: EntityManager, roundId: string): Promise<DraftAssignmentV1[]> {
    const rows: Array<{ draft: DraftAssignmentV1 }> = await m.query(`SELECT draft FROM draft_assignment WHERE round_id = $1 ORDER BY project_id, expert_id`, [roundId]);
    return rows.map((r) => r.draft);
  }

  async deleteDrafts(m: EntityManager, roundId: string): Promise<void> {
    await m.query(`DELETE FROM draft_assignment WHERE round_id = $1`, [roundId]);
  }

  /** Pairs edits took out of the draft: forbidden for the rest of the round's life. */
  async forbidden(m: EntityManager, roundId: string): Promise<ExpertProjectPair[]> {
    const rows: Array<{ forbidden: ExpertProjectPair[] }> = await m.query(`SELECT forbidden FROM round_input WHERE round_id = $1`, [roundId]);
    return rows[0]?.forbidden ?? [];
  }

  async setForbidden(m: EntityManager, roundId: string, pairs: readonly ExpertProjectPair[]): Promise<void> {
    await m.query(`UPDATE round_input SET forbidden = $2 WHERE round_id = $1`, [roundId, JSON.stringify(pairs)]);
  }

  async expertGroups(m: EntityManager, roundId: string): Promise<RoundExpertGroupV1[]> {
    const rows: Array<{ expert_groups: RoundExpertGroupV1[] }> = await m.query(`SELECT expert_groups FROM round_input WHERE round_id = $1`, [roundId]);
    return rows[0]?.expert_groups ?? [];
  }

  async audit(m: EntityManager, roundId: string, entry: Omit<RoundAuditEntry, 'at'>): Promise<void> {
    await m.query(`INSERT INTO round_audit (round_id, action, revision, actor, reason, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [
      roundId,
      entry.action,
      entry.revision,
      entry.actor,
      entry.reason,
      JSON.stringify(entry.detail),
    ]);
  }

  async auditOf(m: EntityManager, roundId: string): Promise<RoundAuditEntry[]> {
    const rows: Array<{ action: RoundAuditAction; revision: number; actor: string; reason: string | null; detail: Record<string, unknown>; at: Date }> = await m.query(
      `SELECT action, revision, actor, reason, detail, at FROM round_audit WHERE round_id = $1 ORDER BY id`,
      [roundId],
    );
    return rows.map((r) => ({ action: r.action, revision: r.revision, actor: r.actor, reason: r.reason, detail: r.detail, at: r.at.toISOString() }));
  }

  /** Moves a round to a new status (publish, cancel, withdraw) and bumps its revision; returns the new revision. */
  async moveTo(m: EntityManager, roundId: string, status: RoundStatus): Promise<number> {
    const rows = updatedRows<{ revision: number }>(
      await m.query(
        `UPDATE round SET status = $2, revision = revision + 1,
           published_at = CASE WHEN $2 = 'completed' THEN now() ELSE published_at END,
           ended_at = CASE WHEN $2 IN ('cancelled', 'withdrawn') THEN now() ELSE ended_at END
         WHERE id = $1 RETURNING revision`,
        [roundId, status],
      ),
    );
    return rows[0].revision;
  }
}
