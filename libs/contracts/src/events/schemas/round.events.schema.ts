import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import {
  EXPERT_KINDS,
  type ExpertKind,
  type ExpertProjectPair,
  type MatchingObjective,
  type MatchingStrategy,
  type ResultTeam,
  type SlotRange,
} from '../../matching/matching-instance.v1';
import { PLACED_BY, type PlacedBy } from '../assignment.events';
import {
  ROUND_CHANGE_KINDS,
  ROUND_EDIT_OPS,
  ROUND_PHASES,
  ROUND_STATUSES,
  type DraftAssignmentV1,
  type RoundCancelledPayloadV1,
  type RoundCertificateV1,
  type RoundChangeKind,
  type RoundChangeV1,
  type RoundDraftedPayloadV1,
  type RoundEditedPayloadV1,
  type RoundEditOp,
  type RoundEditV1,
  type RoundPublishedPayloadV1,
  type RoundStatus,
  type RoundWithdrawnPayloadV1,
  type AssignmentCountsV1,
  type RoundCompletedPayloadV1,
  type RoundExpertGroupV1,
  type RoundFailedPayloadV1,
  type RoundFiguresV1,
  type RoundOptionsV1,
  type RoundPhase,
  type RoundProjectV1,
  type RoundRematchedPayloadV1,
  type RoundScopeV1,
  type RoundStartedPayloadV1,
  type RoundTimingsV1,
  type RoundUnderfilledSlotV1,
} from '../round.events';
import { ProposedPairSchema } from './assignment.events.schema';
import { NullOr, SlotsSchema } from './schema-parts';

const STRATEGIES: readonly MatchingStrategy[] = ['optimal', 'stable'];

export class RoundScopeSchema implements RoundScopeV1 {
  @IsString() key!: string;
  @NullOr() @IsArray() @IsString({ each: true }) districtIds!: string[] | null;
}

export class RoundOptionsSchema implements RoundOptionsV1 {
  @IsInt() @Min(1) maxPerDiscipline!: number;
  @NullOr() @IsNumber() maxDistanceKm!: number | null;
  @NullOr() @IsInt() candidateLimitPerExpert!: number | null;
  @IsInt() @Min(0) responseWindowSeconds!: number;
}

export class MatchingObjectiveSchema implements MatchingObjective {
  @IsNumber() coverage!: number;
  @IsNumber() weight!: number;
}

export class AssignmentCountsSchema implements AssignmentCountsV1 {
  @IsInt() total!: number;
  @IsInt() proposed!: number;
  @IsInt() accepted!: number;
  @IsInt() declined!: number;
  @IsInt() expired!: number;
  @IsOptional() @IsInt() withdrawn?: number;
}

export class RoundFiguresSchema implements RoundFiguresV1 {
  @IsInt() projects!: number;
  @IsInt() experts!: number;
  @IsInt() eligiblePairs!: number;
  @IsInt() requiredSlots!: number;
  @IsInt() coveredSlots!: number;
  @IsNumber() coverageRatio!: number;
  @IsNumber() weight!: number;
  @IsObject() @ValidateNested() @Type(() => AssignmentCountsSchema) assignments!: AssignmentCountsV1;
  @IsInt() underfilledSlots!: number;
  @IsInt() unassignedExperts!: number;
}

export class RoundProjectSchema implements RoundProjectV1 {
  @IsString() projectId!: string;
  @IsString() districtId!: string;
  @IsString() issueType!: string;
  @IsObject() @ValidateNested() @Type(() => SlotsSchema) slots!: Record<ExpertKind, SlotRange>;
}

export class RoundExpertGroupSchema implements RoundExpertGroupV1 {
  @IsString() universityId!: string;
  @IsString() discipline!: string;
  @IsIn(EXPERT_KINDS) kind!: ExpertKind;
  @IsInt() experts!: number;
  @IsInt() capacity!: number;
}

export class RoundUnderfilledSlotSchema implements RoundUnderfilledSlotV1 {
  @IsString() projectId!: string;
  @IsIn(EXPERT_KINDS) kind!: ExpertKind;
  @IsInt() filled!: number;
  @IsInt() min!: number;
  @IsString() reason!: string;
}

export class RoundTimingsSchema implements RoundTimingsV1 {
  @IsNumber() snapshotMs!: number;
  @IsNumber() scoringMs!: number;
  @IsNumber() solvingMs!: number;
  @IsNumber() storingMs!: number;
  @IsNumber() totalMs!: number;
}

/** round.started, v1. */
export class RoundStartedPayloadV1Schema implements RoundStartedPayloadV1 {
  @IsString() roundId!: string;
  @IsObject() @ValidateNested() @Type(() => RoundScopeSchema) scope!: RoundScopeV1;
  @IsIn(STRATEGIES) strategy!: MatchingStrategy;
  @IsObject() @ValidateNested() @Type(() => RoundOptionsSchema) options!: RoundOptionsV1;
  @IsBoolean() dryRun!: boolean;
  @IsISO8601() startedAt!: string;
  @IsInt() revision!: number;
}

/** round.completed, v1. */
export class RoundCompletedPayloadV1Schema implements RoundCompletedPayloadV1 {
  @IsString() roundId!: string;
  @IsObject() @ValidateNested() @Type(() => RoundScopeSchema) scope!: RoundScopeV1;
  @IsIn(STRATEGIES) strategy!: MatchingStrategy;
  @IsObject() @ValidateNested() @Type(() => RoundOptionsSchema) options!: RoundOptionsV1;
  @IsBoolean() dryRun!: boolean;
  @IsObject() @ValidateNested() @Type(() => MatchingObjectiveSchema) objective!: MatchingObjective;
  @IsObject() @ValidateNested() @Type(() => RoundFiguresSchema) figures!: RoundFiguresV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundProjectSchema) projects!: RoundProjectV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundExpertGroupSchema) expertGroups!: RoundExpertGroupV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundUnderfilledSlotSchema) underfilled!: RoundUnderfilledSlotV1[];
  @IsObject() @ValidateNested() @Type(() => RoundTimingsSchema) timings!: RoundTimingsV1;
  @IsISO8601() completedAt!: string;
  @IsInt() revision!: number;
}

/** round.rematched, v1. */
export class RoundRematchedPayloadV1Schema implements RoundRematchedPayloadV1 {
  @IsString() roundId!: string;
  @IsArray() @IsString({ each: true }) freedAssignmentIds!: string[];
  @IsArray() @IsString({ each: true }) proposedAssignmentIds!: string[];
  @IsInt() changedAssignments!: number;
  @IsObject() @ValidateNested() @Type(() => MatchingObjectiveSchema) objective!: MatchingObjective;
  @IsObject() @ValidateNested() @Type(() => RoundFiguresSchema) figures!: RoundFiguresV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundUnderfilledSlotSchema) underfilled!: RoundUnderfilledSlotV1[];
  @IsISO8601() rematchedAt!: string;
  @IsInt() revision!: number;
}

/** round.failed, v1. */
export class RoundFailedPayloadV1Schema implements RoundFailedPayloadV1 {
  @IsString() roundId!: string;
  @IsObject() @ValidateNested() @Type(() => RoundScopeSchema) scope!: RoundScopeV1;
  @IsIn(STRATEGIES) strategy!: MatchingStrategy;
  @IsBoolean() dryRun!: boolean;
  @IsIn([...ROUND_PHASES, 'failed']) phase!: RoundPhase;
  @IsString() reason!: string;
  @IsISO8601() failedAt!: string;
  @IsInt() revision!: number;
}

export class PairSchema implements ExpertProjectPair {
  @IsString() expertId!: string;
  @IsString() projectId!: string;
}

export class DraftAssignmentSchema extends ProposedPairSchema implements DraftAssignmentV1 {
  @IsIn(PLACED_BY) placedBy!: PlacedBy;
}

/** round.drafted, v1. */
export class RoundDraftedPayloadV1Schema implements RoundDraftedPayloadV1 {
  @IsString() roundId!: string;
  @IsObject() @ValidateNested() @Type(() => RoundScopeSchema) scope!: RoundScopeV1;
  @IsIn(STRATEGIES) strategy!: MatchingStrategy;
  @IsObject() @ValidateNested() @Type(() => RoundOptionsSchema) options!: RoundOptionsV1;
  @IsObject() @ValidateNested() @Type(() => MatchingObjectiveSchema) objective!: MatchingObjective;
  @IsObject() @ValidateNested() @Type(() => RoundFiguresSchema) figures!: RoundFiguresV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundProjectSchema) projects!: RoundProjectV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundExpertGroupSchema) expertGroups!: RoundExpertGroupV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundUnderfilledSlotSchema) underfilled!: RoundUnderfilledSlotV1[];
  @IsArray() teams!: ResultTeam[];
  @NullOr() @IsObject() certificate!: RoundCertificateV1 | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => DraftAssignmentSchema) assignments!: DraftAssignmentV1[];
  @IsObject() @ValidateNested() @Type(() => RoundTimingsSchema) timings!: RoundTimingsV1;
  @IsISO8601() draftedAt!: string;
  @IsInt() revision!: number;
}

export class RoundEditSchema implements RoundEditV1 {
  @IsIn(ROUND_EDIT_OPS) op!: RoundEditOp;
  @IsString() expertId!: string;
  @IsString() projectId!: string;
  @NullOr() @IsString() fromProjectId!: string | null;
}

/** round.edited, v1. */
export class RoundEditedPayloadV1Schema implements RoundEditedPayloadV1 {
  @IsString() roundId!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundEditSchema) edits!: RoundEditV1[];
  @IsString() editedBy!: string;
  @IsString() reason!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PairSchema) added!: ExpertProjectPair[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => PairSchema) removed!: ExpertProjectPair[];
  @IsObject() @ValidateNested() @Type(() => MatchingObjectiveSchema) objective!: MatchingObjective;
  @IsObject() @ValidateNested() @Type(() => RoundFiguresSchema) figures!: RoundFiguresV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundUnderfilledSlotSchema) underfilled!: RoundUnderfilledSlotV1[];
  @IsArray() teams!: ResultTeam[];
  @NullOr() @IsObject() certificate!: RoundCertificateV1 | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => DraftAssignmentSchema) assignments!: DraftAssignmentV1[];
  @IsISO8601() editedAt!: string;
  @IsInt() revision!: number;
}

export class RoundChangeSchema implements RoundChangeV1 {
  @IsIn(ROUND_CHANGE_KINDS) kind!: RoundChangeKind;
  @IsString() expertId!: string;
  @IsString() projectId!: string;
  @IsString() message!: string;
}

/** round.published, v1. */
export class RoundPublishedPayloadV1Schema implements RoundPublishedPayloadV1 {
  @IsString() roundId!: string;
  @IsString() publishedBy!: string;
  @NullOr() @IsString() reason!: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoundChangeSchema) changes!: RoundChangeV1[];
  @IsBoolean() resolved!: boolean;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PairSchema) removed!: ExpertProjectPair[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => PairSchema) added!: ExpertProjectPair[];
  @IsArray() @IsString({ each: true }) proposedAssignmentIds!: string[];
  @IsISO8601() publishedAt!: string;
  @IsInt() revision!: number;
}

/** round.cancelled, v1. */
export class RoundCancelledPayloadV1Schema implements RoundCancelledPayloadV1 {
  @IsString() roundId!: string;
  @IsObject() @ValidateNested() @Type(() => RoundScopeSchema) scope!: RoundScopeV1;
  @IsIn(STRATEGIES) strategy!: MatchingStrategy;
  @IsBoolean() dryRun!: boolean;
  @IsIn(ROUND_STATUSES) fromStatus!: RoundStatus;
  @IsIn([...ROUND_PHASES, 'failed']) phase!: RoundPhase;
  @IsString() cancelledBy!: string;
  @NullOr() @IsString() reason!: string | null;
  @IsISO8601() cancelledAt!: string;
  @IsInt() revision!: number;
}

/** round.withdrawn, v1. */
export class RoundWithdrawnPayloadV1Schema implements RoundWithdrawnPayloadV1 {
  @IsString() roundId!: string;
  @IsString() withdrawnBy!: string;
  @IsString() reason!: string;
  @IsBoolean() includeAccepted!: boolean;
  @IsArray() @IsString({ each: true }) withdrawnAssignmentIds!: string[];
  @IsArray() @IsString({ each: true }) keptAssignmentIds!: string[];
  @IsObject() @ValidateNested() @Type(() => RoundFiguresSchema) figures!: RoundFiguresV1;
  @IsISO8601() withdrawnAt!: string;
  @IsInt() revision!: number;
}
