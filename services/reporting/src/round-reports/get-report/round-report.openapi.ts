import { ApiProperty } from '@nestjs/swagger';
import { AssignmentCountsDoc } from '@civic/platform';
import type {
  ExpertGroupFigures,
  LeadUniversityFigures,
  MatchingObjective,
  PolicyComparison,
  PolicyResult,
  ProjectGroupFigures,
  RoundCertificateV1,
  RoundFiguresV1,
  RoundReport,
  RoundTotals,
  RoundUnderfilledSlotV1,
  StrategyComparison,
  StrategyResult,
  TeamRow,
  UnfilledSlotRow,
} from '@civic/contracts';

// OpenAPI shapes of the round report; `implements` keeps them in step with the contract's RoundReport.

class ProjectGroupDoc implements ProjectGroupFigures {
  @ApiProperty({ example: 'huangpu', description: 'district or issue type' }) key!: string;
  @ApiProperty() projects!: number;
  @ApiProperty({ description: 'projects whose teams reached their minimum for both kinds' }) projectsAtMinimum!: number;
  @ApiProperty() requiredSlots!: number;
  @ApiProperty() coveredSlots!: number;
  @ApiProperty({ example: 1 }) coverageRatio!: number;
  @ApiProperty() maxSlots!: number;
  @ApiProperty({ description: 'active (proposed or accepted) assignments' }) assigned!: number;
  @ApiProperty({ description: 'assigned / maxSlots' }) fillRatio!: number;
  @ApiProperty() accepted!: number;
}

class ExpertGroupDoc implements ExpertGroupFigures {
  @ApiProperty({ example: 'fdu', description: 'university or primary discipline' }) key!: string;
  @ApiProperty() experts!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'assignments ever proposed' }) proposedEver!: number;
  @ApiProperty() proposed!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() declined!: number;
  @ApiProperty() expired!: number;
  @ApiProperty({ description: 'active assignments / capacity' }) fillRatio!: number;
  @ApiProperty({ nullable: true, type: Number }) acceptanceRate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) declineRate!: number | null;
}

class UnfilledDoc implements UnfilledSlotRow {
  @ApiProperty() projectId!: string;
  @ApiProperty() districtId!: string;
  @ApiProperty() issueType!: string;
  @ApiProperty({ enum: ['teacher', 'student'] }) kind!: string;
  @ApiProperty() min!: number;
  @ApiProperty() filled!: number;
  @ApiProperty() missing!: number;
  @ApiProperty({ example: 'experts_used_elsewhere', description: "matching's latest reason, or rematch_pending" }) reason!: string;
}

class StrategyResultDoc implements StrategyResult {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
  @ApiProperty() coverage!: number;
  @ApiProperty() requiredSlots!: number;
  @ApiProperty() coverageRatio!: number;
  @ApiProperty() weight!: number;
  @ApiProperty() assignments!: number;
  @ApiProperty() underfilledSlots!: number;
  @ApiProperty() unassignedExperts!: number;
}

class PriceDoc {
  @ApiProperty({ description: 'optimal minus stable covered slots' }) coverage!: number;
  @ApiProperty({ description: 'optimal minus stable weight' }) weight!: number;
}

class ComparisonDoc implements StrategyComparison {
  @ApiProperty() scopeKey!: string;
  @ApiProperty({ type: StrategyResultDoc }) optimal!: StrategyResult;
  @ApiProperty({ type: StrategyResultDoc }) stable!: StrategyResult;
  @ApiProperty({ type: PriceDoc }) priceOfStability!: { coverage: number; weight: number };
}

class PolicyResultDoc extends StrategyResultDoc implements PolicyResult {
  @ApiProperty({ enum: ['mixed', 'one-university'] }) teamPolicy!: string;
}

class PolicyPriceDoc {
  @ApiProperty({ description: 'mixed minus one-university covered slots' }) coverage!: number;
  @ApiProperty({ description: 'mixed minus one-university weight' }) weight!: number;
}

class PolicyComparisonDoc implements PolicyComparison {
  @ApiProperty() scopeKey!: string;
  @ApiProperty({ type: PolicyResultDoc }) mixed!: PolicyResult;
  @ApiProperty({ type: PolicyResultDoc }) oneUniversity!: PolicyResult;
  @ApiProperty({ type: PolicyPriceDoc }) priceOfPolicy!: { coverage: number; weight: number };
}

class TeamDoc implements TeamRow {
  @ApiProperty({ example: 'P00001' }) projectId!: string;
  @ApiProperty({ example: 'huangpu' }) districtId!: string;
  @ApiProperty({ example: 'fdu', description: "the lead university as the round's latest event declared it" }) leadUniversityId!: string;
  @ApiProperty({ type: [String], description: "the active members' universities (one under one-university)" }) universities!: string[];
  @ApiProperty() teachers!: number;
  @ApiProperty() students!: number;
  @ApiProperty({ description: 'members who accepted (0 for a dry run)' }) accepted!: number;
  @ApiProperty({ example: 'best_team', description: 'pinned, kept, best_team, shared_supply; mixed under the mixed policy' }) reason!: string;
}

class LeadUniversityDoc implements LeadUniversityFigures {
  @ApiProperty({ example: 'fdu' }) universityId!: string;
  @ApiProperty() projectsLed!: number;
  @ApiProperty({ nullable: true, type: Number, description: "the round's limit (null: none)" }) maxProjects!: number | null;
  @ApiProperty({ description: 'members of the teams it leads' }) teachers!: number;
  @ApiProperty() students!: number;
  @ApiProperty() averageTeamSize!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'its people with an active assignment (null: a dry run of mixed teams does not say)' })
  peoplePlaced!: number | null;
}

class LifecycleDoc {
  @ApiProperty({ description: 'edits made to its draft' }) edits!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was cancelled or withdrawn' }) endedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason!: string | null;
}

class DraftDoc {
  @ApiProperty({ description: 'assignments of the draft' }) assignments!: number;
  @ApiProperty({ description: 'of which placed by hand' }) handPlaced!: number;
}

class HandPlacedDoc {
  @ApiProperty() expertId!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty({ example: 'proposed', description: 'draft while the round is one, else the assignment’s status' }) status!: string;
}

class TotalsDoc implements RoundTotals {
  @ApiProperty() projects!: number;
  @ApiProperty() projectsAtMinimum!: number;
  @ApiProperty() requiredSlots!: number;
  @ApiProperty() coveredSlots!: number;
  @ApiProperty() coverageRatio!: number;
  @ApiProperty() maxSlots!: number;
  @ApiProperty() assigned!: number;
  @ApiProperty() fillRatio!: number;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: AssignmentCountsDoc }) assignments!: RoundTotals['assignments'];
  @ApiProperty({ nullable: true, type: Number }) acceptanceRate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) declineRate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) expiryRate!: number | null;
}

class ScopeDoc {
  @ApiProperty({ nullable: true, type: String, example: 'city' }) key!: string | null;
  @ApiProperty({ nullable: true, type: [String] }) districtIds!: string[] | null;
}

class FailureDoc {
  @ApiProperty() phase!: string;
  @ApiProperty() reason!: string;
}

class ProgressDoc {
  @ApiProperty() arrived!: number;
  @ApiProperty({ nullable: true, type: Number }) announced!: number | null;
}

class DeclaredDoc {
  @ApiProperty({ nullable: true, type: Object, example: { coverage: 441, weight: 282979 } }) objective!: MatchingObjective | null;
  @ApiProperty({ nullable: true, type: Object, description: 'RoundFiguresV1 of the latest round.completed or round.rematched (docs/asyncapi.yaml)' })
  figures!: RoundFiguresV1 | null;
  @ApiProperty({ type: [Object], description: 'RoundUnderfilledSlotV1' }) underfilled!: RoundUnderfilledSlotV1[];
  @ApiProperty({ nullable: true, type: Object, example: { bound: { coverage: 441, weight: 273551 }, gapPct: 0.673, proven: false }, description: 'RoundCertificateV1: the engine\u2019s proven bound, gap and whether the answer is proven optimal' })
  certificate!: RoundCertificateV1 | null;
}

class DeclineReasonDoc {
  @ApiProperty({ example: 'schedule_conflict', description: 'a decline reason, or expired' }) reason!: string;
  @ApiProperty() count!: number;
}

export class RoundReportDoc implements RoundReport {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ type: ScopeDoc }) scope!: RoundReport['scope'];
  @ApiProperty({ nullable: true, type: String, enum: ['optimal', 'stable'] }) strategy!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['mixed', 'one-university'] }) teamPolicy!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) dryRun!: boolean | null;
  @ApiProperty({ enum: ['running', 'draft', 'completed', 'failed', 'cancelled', 'withdrawn'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: FailureDoc }) failure!: RoundReport['failure'];
  @ApiProperty({ description: 'every assignment the round and its re-matches announced has arrived; figures are filled in from then on' }) complete!: boolean;
  @ApiProperty({ type: ProgressDoc }) progress!: RoundReport['progress'];
  @ApiProperty() rematches!: number;
  @ApiProperty({ type: LifecycleDoc }) lifecycle!: RoundReport['lifecycle'];
  @ApiProperty({ type: DraftDoc, nullable: true, description: 'while the round is a draft' }) draft!: RoundReport['draft'];
  @ApiProperty({ type: [HandPlacedDoc], description: 'assignments an administrator placed by hand' }) handPlaced!: RoundReport['handPlaced'];
  @ApiProperty({ type: DeclaredDoc }) declared!: RoundReport['declared'];
  @ApiProperty({ nullable: true, type: TotalsDoc }) totals!: RoundTotals | null;
  @ApiProperty({ type: [ProjectGroupDoc] }) byDistrict!: ProjectGroupFigures[];
  @ApiProperty({ type: [ProjectGroupDoc] }) byIssueType!: ProjectGroupFigures[];
  @ApiProperty({ type: [ExpertGroupDoc] }) byUniversity!: ExpertGroupFigures[];
  @ApiProperty({ type: [ExpertGroupDoc] }) byDiscipline!: ExpertGroupFigures[];
  @ApiProperty({ type: [DeclineReasonDoc] }) declineReasons!: Array<{ reason: string; count: number }>;
  @ApiProperty({ type: [UnfilledDoc] }) unfilled!: UnfilledSlotRow[];
  @ApiProperty({ nullable: true, type: ComparisonDoc, description: 'the latest optimal and stable rounds of the scope; null unless both were run' })
  comparison!: StrategyComparison | null;
  @ApiProperty({ type: [TeamDoc], description: "each project's team and lead university" }) teams!: TeamRow[];
  @ApiProperty({ type: [LeadUniversityDoc], description: 'per lead university: projects led, team sizes, people placed' }) byLeadUniversity!: LeadUniversityFigures[];
  @ApiProperty({ nullable: true, type: PolicyComparisonDoc, description: 'the latest optimal rounds of each team policy in the scope; null unless both were run' })
  policyComparison!: PolicyComparison | null;
}
