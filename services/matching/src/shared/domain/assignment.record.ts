import type { PlacedBy, AssignmentExplanation, AssignmentOrigin, AssignmentSnapshotV1, AssignmentStatus, DeclineReason, ExpertKind } from '@civic/contracts';

/** One assignment row of the matching database. */
export interface AssignmentRow {
  id: string;
  round_id: string;
  expert_id: string;
  kind: ExpertKind;
  university_id: string;
  college_id: string;
  discipline: string;
  project_id: string;
  /** Null on assignments stored before team policies. */
  lead_university_id: string | null;
  district_id: string;
  issue_type: string;
  weight: number;
  explanation: AssignmentExplanation;
  origin: AssignmentOrigin;
  status: AssignmentStatus;
  revision: number;
  deadline: Date;
  proposed_at: Date;
  decided_at: Date | null;
  decline_reason: DeclineReason | null;
  decline_note: string | null;
  placed_by: PlacedBy;
  withdraw_reason: string | null;
}

export const ASSIGNMENT_COLUMNS = `id, round_id, expert_id, kind, university_id, college_id, discipline, project_id, lead_university_id, district_id, issue_type,
  weight, explanation, origin, status, revision, deadline, proposed_at, decided_at, decline_reason, decline_note, placed_by, withdraw_reason`;

/** The published state of an assignment (also the HTTP view). */
export function toAssignmentSnapshot(r: AssignmentRow): AssignmentSnapshotV1 {
  return {
    assignmentId: r.id,
    roundId: r.round_id,
    expertId: r.expert_id,
    expertKind: r.kind,
    universityId: r.university_id,
    collegeId: r.college_id,
    discipline: r.discipline,
    projectId: r.project_id,
    ...(r.lead_university_id ? { leadUniversityId: r.lead_university_id } : {}),
    districtId: r.district_id,
    issueType: r.issue_type,
    weight: r.weight,
    explanation: r.explanation,
    origin: r.origin,
    status: r.status,
    deadline: iso(r.deadline),
    proposedAt: iso(r.proposed_at),
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    declineReason: r.decline_reason,
    declineNote: r.decline_note,
    ...(r.withdraw_reason ? { withdrawReason: r.withdraw_reason } : {}),
    ...(r.placed_by === 'hand' ? { placedBy: r.placed_by } : {}),
    revision: r.revision,
  };
}

function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}
