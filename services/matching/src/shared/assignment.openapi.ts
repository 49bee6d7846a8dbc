import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSIGNMENT_STATUSES,
  AssignmentExplanation,
  AssignmentOrigin,
  AssignmentSnapshotV1,
  AssignmentStatus,
  DECLINE_REASONS,
  DeclineReason,
  EXPERT_KINDS,
  ExpertKind,
} from '@civic/contracts';

// OpenAPI shapes of the answers; `implements` keeps them in step with the contract types.

export class AssignmentExplanationDoc implements AssignmentExplanation {
  @ApiProperty({ example: { base: 1, affinity: 140, distance: 38, preference: 0, wantedDiscipline: 30 }, description: 'named integer parts; they sum to the weight' })
  parts!: Record<string, number>;

  @ApiProperty({ example: 'property_governance' })
  issueType!: string;

  @ApiProperty({ example: 'law' })
  discipline!: string;
}

export class AssignmentDoc implements AssignmentSnapshotV1 {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ example: 'S000001' }) expertId!: string;
  @ApiProperty({ enum: EXPERT_KINDS }) expertKind!: ExpertKind;
  @ApiProperty({ example: 'fdu' }) universityId!: string;
  @ApiProperty({ example: 'fdu_ssdpp' }) collegeId!: string;
  @ApiProperty({ example: 'sociology', description: "the expert's primary discipline" }) discipline!: string;
  @ApiProperty({ example: 'P00001' }) projectId!: string;
  @ApiPropertyOptional({ example: 'fdu', description: "the university leading the project's team when this was proposed" }) leadUniversityId?: string;
  @ApiProperty({ example: 'huangpu' }) districtId!: string;
  @ApiProperty({ example: 'pain_points', description: "the project's primary issue type" }) issueType!: string;
  @ApiProperty({ example: 209 }) weight!: number;
  @ApiProperty({ type: AssignmentExplanationDoc }) explanation!: AssignmentExplanation;
  @ApiProperty({ enum: ['round', 'rematch'] }) origin!: AssignmentOrigin;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: AssignmentStatus;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ enum: DECLINE_REASONS, nullable: true }) declineReason!: DeclineReason | null;
  @ApiProperty({ nullable: true, type: String }) declineNote!: string | null;
  @ApiProperty({ example: 1 }) revision!: number;
}

/** The answer's shape; the controller returns it. */
export interface AssignmentPage {
  assignments: AssignmentSnapshotV1[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export class AssignmentPageDoc implements AssignmentPage {
  @ApiProperty({ type: [AssignmentDoc] }) assignments!: AssignmentSnapshotV1[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last' }) next!: string | null;
}
