import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { EXPERT_KINDS, type ExpertKind, type MatchingObjective, type MatchingStrategy, type SlotRange } from '../../matching/matching-instance.v1';
import {
  ROUND_PHASES,
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
