import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXPERT_KINDS,
  PLACED_BY,
  ROUND_AUDIT_ACTIONS,
  ROUND_CHANGE_KINDS,
  type AssignmentExplanation,
  type DraftAssignmentV1,
  type DraftEdit,
  type DraftEditAnswer,
  type ExpertKind,
  type ExpertProjectPair,
  type PlacedBy,
  type Preflight,
  type PreflightCheck,
  type PreflightDisciplineFigures,
  type PreflightDistrictFigures,
  type PreflightKindFigures,
  type PreflightUniversityFigures,
  type RoundScopeV1,
  type ProjectShortage,
  type PublishAnswer,
  type RoundChangeKind,
  type RoundChangeV1,
  type RoundFiguresV1,
  type RoundAuditAction,
  type RoundAuditEntry,
  type RoundPublication,
  type RoundView,
  type RoundWithdrawal,
  type WithdrawAnswer,
} from '@civic/contracts';
import { AssignmentExplanationDoc } from '../../shared/assignment.openapi';
import { RoundFiguresDoc, RoundScopeDoc, RoundViewDoc } from '../get-round/round.openapi';

// OpenAPI shapes of the lifecycle's answers; `implements` keeps them in step with the contracts' answer types.

export class PairDoc implements ExpertProjectPair {
  @ApiProperty({ example: 'T000123' }) expertId!: string;
  @ApiProperty({ example: 'P00042' }) projectId!: string;
}

export class DraftAssignmentDoc implements DraftAssignmentV1 {
  @ApiProperty({ example: 'T000123' }) expertId!: string;
  @ApiProperty({ enum: EXPERT_KINDS }) expertKind!: ExpertKind;
  @ApiProperty({ example: 'fdu' }) universityId!: string;
  @ApiProperty({ example: 'fdu_ssdpp' }) collegeId!: string;
  @ApiProperty({ example: 'sociology' }) discipline!: string;
  @ApiProperty({ example: 'P00042' }) projectId!: string;
  @ApiPropertyOptional({ example: 'fdu' }) leadUniversityId?: string;
  @ApiProperty({ example: 'huangpu' }) districtId!: string;
  @ApiProperty({ example: 'pain_points' }) issueType!: string;
  @ApiProperty({ example: 209 }) weight!: number;
  @ApiProperty({ type: AssignmentExplanationDoc }) explanation!: AssignmentExplanation;
  @ApiProperty({ enum: PLACED_BY, description: 'engine, or hand: pinned or moved by an administrator' }) placedBy!: PlacedBy;
}

export class RoundChangeDoc implements RoundChangeV1 {
  @ApiProperty({ enum: ROUND_CHANGE_KINDS }) kind!: RoundChangeKind;
  @ApiProperty() expertId!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty({ example: 'T000123 is no longer available' }) message!: string;
}

export class DraftEditDoc implements DraftEdit {
  @ApiProperty({ type: [PairDoc], description: 'pairs the edit and the re-optimisation put into the draft' }) added!: ExpertProjectPair[];
  @ApiProperty({ type: [PairDoc], description: 'pairs they took out' }) removed!: ExpertProjectPair[];
  @ApiProperty({ type: RoundFiguresDoc, nullable: true, description: 'the draft\u2019s figures before the edit' }) before!: RoundFiguresV1 | null;
  @ApiProperty({ type: RoundFiguresDoc, description: 'and after it' }) after!: RoundFiguresV1;
}

export class DraftEditAnswerDoc implements DraftEditAnswer {
  @ApiProperty({ type: RoundViewDoc, description: 'the round after the edit (its new revision)' }) round!: RoundView;
  @ApiProperty({ type: DraftEditDoc }) edit!: DraftEditDoc;
}

export class PublicationDoc implements RoundPublication {
  @ApiProperty({ type: [RoundChangeDoc], description: 'what had changed since the solve (empty when nothing had)' }) changes!: RoundChangeV1[];
  @ApiProperty({ description: 'the draft was re-solved minimally before publishing' }) resolved!: boolean;
  @ApiProperty({ type: [PairDoc] }) added!: ExpertProjectPair[];
  @ApiProperty({ type: [PairDoc] }) removed!: ExpertProjectPair[];
  @ApiProperty({ description: 'proposals sent' }) proposed!: number;
}

export class PublishAnswerDoc implements PublishAnswer {
  @ApiProperty({ type: RoundViewDoc }) round!: RoundView;
  @ApiProperty({ type: PublicationDoc }) publication!: PublicationDoc;
}

export class WithdrawalDoc implements RoundWithdrawal {
  @ApiProperty({ description: 'assignments withdrawn (pending proposals, and accepted ones when asked)' }) withdrawn!: number;
  @ApiProperty({ description: 'accepted assignments that stay' }) kept!: number;
}

export class WithdrawAnswerDoc implements WithdrawAnswer {
  @ApiProperty({ type: RoundViewDoc }) round!: RoundView;
  @ApiProperty({ type: WithdrawalDoc }) withdrawal!: WithdrawalDoc;
}

export class AuditEntryDoc implements RoundAuditEntry {
  @ApiProperty({ enum: ROUND_AUDIT_ACTIONS }) action!: RoundAuditAction;
  @ApiProperty({ description: 'the round\u2019s revision after the action' }) revision!: number;
  @ApiProperty({ example: 'admin@example.org', description: 'the token\u2019s subject' }) actor!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: Object, description: 'edit: edits, added, removed; publish: changes, resolved, added, removed, proposed; cancel: fromStatus, phase; withdraw: includeAccepted, withdrawn, kept' })
  detail!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class KindFiguresDoc implements PreflightKindFigures {
  @ApiProperty({ enum: EXPERT_KINDS }) kind!: ExpertKind;
  @ApiProperty({ description: 'projects that need at least one of the kind' }) projects!: number;
  @ApiProperty({ description: 'sum of minimum team sizes left to the round' }) demandMin!: number;
  @ApiProperty() demandMax!: number;
  @ApiProperty({ description: 'experts of the kind with capacity left' }) experts!: number;
  @ApiProperty({ description: 'their capacity left' }) capacity!: number;
  @ApiProperty({ description: 'minimum places the capacity cannot cover' }) shortfall!: number;
}

class DisciplineFiguresDoc implements PreflightDisciplineFigures {
  @ApiProperty({ example: 'urban_planning' }) discipline!: string;
  @ApiProperty({ description: 'projects asking for it (wantedDisciplines)' }) projectsAsking!: number;
  @ApiProperty() experts!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty() shortfall!: number;
}

class DistrictFiguresDoc implements PreflightDistrictFigures {
  @ApiProperty({ example: 'huangpu' }) districtId!: string;
  @ApiProperty({ enum: EXPERT_KINDS }) kind!: ExpertKind;
  @ApiProperty() demandMin!: number;
  @ApiProperty({ description: 'experts eligible (distance limit, fit) for at least one project of the district' }) reachableExperts!: number;
  @ApiProperty({ description: 'their capacity (an upper bound: shared with other districts)' }) reachableCapacity!: number;
  @ApiProperty() shortfall!: number;
}

class UniversityFiguresDoc implements PreflightUniversityFigures {
  @ApiProperty({ example: 'fdu' }) universityId!: string;
  @ApiProperty() teachers!: number;
  @ApiProperty() students!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'projects whose minimum team it could field alone' }) projectsItCanStaff!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'its universityLimits entry, if any' }) maxProjects!: number | null;
}

class ExcludedDoc {
  @ApiProperty({ description: 'no capacity left' }) capacity!: number;
  @ApiProperty({ description: 'forbidden for this project (removed by an edit)' }) forbidden!: number;
  @ApiProperty({ description: 'no discipline of theirs fits the project\u2019s issue types' }) disciplineFit!: number;
  @ApiProperty({ description: 'farther than maxDistanceKm' }) distance!: number;
}

class ProjectShortageDoc implements ProjectShortage {
  @ApiProperty() projectId!: string;
  @ApiProperty() districtId!: string;
  @ApiProperty({ enum: EXPERT_KINDS }) kind!: ExpertKind;
  @ApiProperty() min!: number;
  @ApiProperty({ description: 'available experts of the kind' }) candidates!: number;
  @ApiProperty({ type: ExcludedDoc, description: 'how many each rule excludes (an expert may fail several)' }) excluded!: ProjectShortage['excluded'];
  @ApiProperty({ example: 'none of 12 teachers is eligible: 12 farther than 5 km' }) why!: string;
}

export class PreflightDoc implements Preflight {
  @ApiProperty({ description: 'no shortfall per kind or district and every project with a minimum has an eligible expert of each kind it needs' }) feasible!: boolean;
  @ApiProperty({ type: [String], description: 'the findings in an administrator\u2019s words' }) summary!: string[];
  @ApiProperty({ type: [KindFiguresDoc] }) byKind!: PreflightKindFigures[];
  @ApiProperty({ type: [DisciplineFiguresDoc] }) byDiscipline!: PreflightDisciplineFigures[];
  @ApiProperty({ type: [DistrictFiguresDoc] }) byDistrict!: PreflightDistrictFigures[];
  @ApiProperty({ type: [UniversityFiguresDoc], nullable: true, description: 'under teamPolicy one-university; null under mixed' }) byUniversity!: PreflightUniversityFigures[] | null;
  @ApiProperty({ type: [ProjectShortageDoc] }) projectsWithoutExpert!: ProjectShortage[];
}

export class PreflightCheckDoc extends PreflightDoc implements PreflightCheck {
  @ApiProperty({ type: RoundScopeDoc, description: 'the scope checked, named as a round of it would be' }) scope!: RoundScopeV1;
}
