import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { EXPERT_KINDS, type AssignmentExplanation, type ExpertKind, type WeightParts } from '../../matching/matching-instance.v1';
import {
  ASSIGNMENT_STATUSES,
  DECLINE_REASONS,
  PLACED_BY,
  type PlacedBy,
  type AssignmentOrigin,
  type AssignmentSnapshotV1,
  type AssignmentStatus,
  type DeclineReason,
} from '../assignment.events';
import { IsNumberRecord, NullOr } from './schema-parts';

export class AssignmentExplanationSchema implements AssignmentExplanation {
  @IsNumberRecord() parts!: WeightParts;
  @IsString() issueType!: string;
  @IsString() discipline!: string;
}

/** The fields a proposal and a draft assignment share (DraftAssignmentV1 picks them from AssignmentSnapshotV1). */
export class ProposedPairSchema {
  @IsString() expertId!: string;
  @IsIn(EXPERT_KINDS) expertKind!: ExpertKind;
  @IsString() universityId!: string;
  @IsString() collegeId!: string;
  @IsString() discipline!: string;
  @IsString() projectId!: string;
  @IsOptional() @IsString() leadUniversityId?: string;
  @IsString() districtId!: string;
  @IsString() issueType!: string;
  @IsNumber() weight!: number;
  @IsObject() @ValidateNested() @Type(() => AssignmentExplanationSchema) explanation!: AssignmentExplanation;
}

/** The payload of every assignment.* event, v1. */
export class AssignmentSnapshotV1Schema extends ProposedPairSchema implements AssignmentSnapshotV1 {
  @IsString() assignmentId!: string;
  @IsString() roundId!: string;
  @IsIn(['round', 'rematch']) origin!: AssignmentOrigin;
  @IsIn(ASSIGNMENT_STATUSES) status!: AssignmentStatus;
  @IsISO8601() deadline!: string;
  @IsISO8601() proposedAt!: string;
  @NullOr() @IsISO8601() decidedAt!: string | null;
  @NullOr() @IsIn(DECLINE_REASONS) declineReason!: DeclineReason | null;
  @NullOr() @IsString() declineNote!: string | null;
  @IsOptional() @IsString() withdrawReason?: string;
  @IsOptional() @IsIn(PLACED_BY) placedBy?: PlacedBy;
  @IsInt() @Min(1) revision!: number;
}
