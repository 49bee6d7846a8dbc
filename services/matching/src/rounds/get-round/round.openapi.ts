import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AssignmentCountsDoc } from '@civic/platform';
import type {
  AssignmentCountsV1,
  MatchingObjective,
  MatchingStrategy,
  RoundFiguresV1,
  RoundOptionsV1,
  RoundPhase,
  RoundPhaseTimings,
  RoundProgress,
  RoundScopeV1,
  RoundStatus,
  RoundSummary,
  RoundView,
  ResultTeam,
  RoundCertificateV1,
  RoundUnderfilledSlotV1,
  TeamPolicy,
  TeamRunnerUp,
  UniversityLimit,
  UnfilledSlot,
} from '@civic/contracts';
import { ROUND_STATUSES, TEAM_POLICIES } from '@civic/contracts';

// OpenAPI shapes of GET /rounds/{id}; `implements` keeps them in step with the contract's RoundView.

const PHASES = ['snapshot', 'scoring', 'solving', 'storing', 'publishing', 'done', 'failed'];

export class RoundScopeDoc implements RoundScopeV1 {
  @ApiProperty({ example: 'districts:huangpu,pudong' }) key!: string;
  @ApiProperty({ type: [String], nullable: true, example: ['huangpu', 'pudong'], description: 'null: the whole city' }) districtIds!: string[] | null;
}

class RoundOptionsDoc implements RoundOptionsV1 {
  @ApiProperty({ example: 2 }) maxPerDiscipline!: number;
  @ApiProperty({ nullable: true, type: Number }) maxDistanceKm!: number | null;
  @ApiProperty({ nullable: true, type: Number }) candidateLimitPerExpert!: number | null;
  @ApiProperty({ example: 604800 }) responseWindowSeconds!: number;
  @ApiPropertyOptional({ enum: TEAM_POLICIES, description: 'absent on rounds stored before team policies: mixed' }) teamPolicy?: TeamPolicy;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'object', properties: { maxProjects: { type: 'integer' } } }, example: { fdu: { maxProjects: 25 } } })
  universityLimits?: Record<string, UniversityLimit>;
}

class TeamRunnerUpDoc implements TeamRunnerUp {
  @ApiProperty({ example: 'sjtu' }) universityId!: string;
  @ApiProperty() coverage!: number;
  @ApiProperty() weight!: number;
}

export class ResultTeamDoc implements ResultTeam {
  @ApiProperty({ example: 'P00001' }) projectId!: string;
  @ApiProperty({ example: 'fdu', description: 'the lead university (one-university: every member\u2019s; mixed: the one with the most members)' }) universityId!: string;
  @ApiProperty({ type: [String], example: ['fdu'] }) universities!: string[];
  @ApiProperty({ type: [String], description: 'teacher ids, ascending' }) teachers!: string[];
  @ApiProperty({ type: [String], description: 'student ids, ascending' }) students!: string[];
  @ApiProperty({ description: 'sum of the members\u2019 weights' }) weight!: number;
  @ApiProperty({ enum: ['pinned', 'kept', 'best_team', 'shared_supply', 'mixed'] }) reason!: ResultTeam['reason'];
  @ApiProperty({ type: TeamRunnerUpDoc, nullable: true, description: 'the best other university for this project on its own' }) runnerUp!: TeamRunnerUp | null;
}

class RoundProgressDoc implements RoundProgress {
  @ApiProperty({ enum: PHASES }) phase!: RoundPhase;
  @ApiProperty({ example: 0.2, description: 'overall, 0..1' }) fraction!: number;
  @ApiProperty({ format: 'date-time' }) phaseStartedAt!: string;
  @ApiPropertyOptional({ example: { eligiblePairs: 239925 }, description: 'eligible pairs while solving, events published while publishing' })
  detail?: Record<string, number>;
}

class RoundTimingsDoc implements RoundPhaseTimings {
  @ApiPropertyOptional() snapshotMs?: number;
  @ApiPropertyOptional() scoringMs?: number;
  @ApiPropertyOptional() solvingMs?: number;
  @ApiPropertyOptional() storingMs?: number;
  @ApiPropertyOptional() publishingMs?: number;
  @ApiPropertyOptional() totalMs?: number;
}

export class ObjectiveDoc implements MatchingObjective {
  @ApiProperty({ example: 441 }) coverage!: number;
  @ApiProperty({ example: 282979 }) weight!: number;
}

export class RoundFiguresDoc implements RoundFiguresV1 {
  @ApiProperty() projects!: number;
  @ApiProperty() experts!: number;
  @ApiProperty() eligiblePairs!: number;
  @ApiProperty({ description: 'sum of minimum team sizes' }) requiredSlots!: number;
  @ApiProperty({ description: 'sum over projects and kinds of min(active, minimum)' }) coveredSlots!: number;
  @ApiProperty({ example: 1 }) coverageRatio!: number;
  @ApiProperty({ description: 'sum of the active assignments\u2019 weights' }) weight!: number;
  @ApiProperty({ type: AssignmentCountsDoc }) assignments!: AssignmentCountsV1;
  @ApiProperty() underfilledSlots!: number;
  @ApiProperty() unassignedExperts!: number;
}

export class UnderfilledDoc implements RoundUnderfilledSlotV1 {
  @ApiProperty() projectId!: string;
  @ApiProperty({ enum: ['teacher', 'student'] }) kind!: 'teacher' | 'student';
  @ApiProperty() filled!: number;
  @ApiProperty() min!: number;
  @ApiProperty({ example: 'discipline_cap' }) reason!: string;
}

class UnfilledDoc extends UnderfilledDoc implements UnfilledSlot {
  @ApiProperty() districtId!: string;
  @ApiProperty() missing!: number;
}

export class CertificateDoc implements RoundCertificateV1 {
  @ApiProperty({ type: ObjectiveDoc, description: "proven upper bounds of the round's own coverage and (at that coverage) weight" }) bound!: MatchingObjective;
  @ApiProperty({ nullable: true, type: Number, example: 0.673, description: '100 x (bound.weight - weight) / bound.weight when the coverage equals its bound' }) gapPct!: number | null;
  @ApiProperty({ description: 'the answer is proven optimal' }) proven!: boolean;
}

class RoundSummaryDoc implements RoundSummary {
  @ApiProperty({ type: ObjectiveDoc }) objective!: MatchingObjective;
  @ApiProperty({ type: RoundFiguresDoc }) figures!: RoundFiguresV1;
  @ApiProperty({ type: [UnfilledDoc] }) unfilled!: UnfilledSlot[];
  @ApiProperty({ type: [UnderfilledDoc] }) engineUnderfilled!: RoundUnderfilledSlotV1[];
  @ApiProperty({ type: [ResultTeamDoc], description: "each project's team and lead university as of the last solve or re-match" }) teams!: ResultTeam[];
  @ApiProperty({ type: CertificateDoc, nullable: true, description: 'the engine\u2019s certificate of the last solve or re-match (null for stable)' }) certificate!: RoundCertificateV1 | null;
}

export class RoundViewDoc implements RoundView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ type: RoundScopeDoc }) scope!: RoundScopeV1;
  @ApiProperty({ enum: ['optimal', 'stable'] }) strategy!: MatchingStrategy;
  @ApiProperty({ type: RoundOptionsDoc }) options!: RoundOptionsV1;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: ROUND_STATUSES, description: 'running; draft (solved, nothing proposed); completed (published; a dry run ends here too); failed; cancelled; withdrawn' })
  status!: RoundStatus;
  @ApiProperty({ description: 'published the moment it was solved (no draft)' }) publishAtOnce!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when its draft was published' }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when it was cancelled or withdrawn' }) endedAt!: string | null;
  @ApiProperty({ enum: PHASES }) phase!: RoundPhase;
  @ApiProperty({ type: RoundProgressDoc }) progress!: RoundProgress;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: RoundTimingsDoc }) timings!: RoundPhaseTimings;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() revision!: number;
  @ApiProperty({ example: 'matching-0/4242/5f1c0a', description: 'the process running the round: instance (SERVICE_INSTANCE or host name), pid, nonce' })
  owner!: string;
  @ApiProperty({ format: 'date-time', description: 'its last heartbeat (every ROUND_HEARTBEAT_MS while it runs)' }) heartbeatAt!: string;
  @ApiProperty({ type: RoundSummaryDoc, nullable: true, description: 'null until the round is solved' }) summary!: RoundSummary | null;
}
