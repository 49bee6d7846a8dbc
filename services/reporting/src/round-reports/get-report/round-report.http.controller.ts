import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { ApiError, PageLimitQuery } from '@civic/platform';
import { IsIn, Matches } from 'class-validator';
import type { Response } from 'express';
import { toCsv } from '../csv/csv';
import { RoundReportDoc } from './round-report.openapi';
import { RoundReportQueries } from './round-report.queries';
import type { RoundReport } from './round-report.types';

/** The tables of a round report that export to CSV. */
export const REPORT_TABLES = [
  'summary',
  'districts',
  'issue-types',
  'universities',
  'disciplines',
  'unfilled',
  'decline-reasons',
  'comparison',
  'teams',
  'lead-universities',
  'policy-comparison',
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export class RoundIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a round id (UUID)' })
  id!: string;
}

export class ReportCsvQuery {
  @ApiProperty({ enum: REPORT_TABLES, example: 'districts' })
  @IsIn(REPORT_TABLES as unknown as string[], { message: `table must be one of ${REPORT_TABLES.join(', ')}` })
  table!: ReportTable;
}

export class ListRoundsQuery extends PageLimitQuery {}

const PROJECT_GROUP_COLUMNS = ['key', 'projects', 'projectsAtMinimum', 'requiredSlots', 'coveredSlots', 'coverageRatio', 'maxSlots', 'assigned', 'fillRatio', 'accepted'];
const EXPERT_GROUP_COLUMNS = ['key', 'experts', 'capacity', 'proposedEver', 'proposed', 'accepted', 'declined', 'expired', 'fillRatio', 'acceptanceRate', 'declineRate'];
const ASSIGNMENT_COLUMNS = [
  'assignment_id', 'round_id', 'expert_id', 'kind', 'university_id', 'college_id', 'discipline', 'project_id', 'lead_university_id', 'district_id', 'issue_type',
  'weight', 'matched_issue_type', 'matched_discipline', 'origin', 'status', 'decline_reason', 'proposed_at', 'deadline', 'decided_at', 'revision', 'placed_by', 'withdraw_reason',
];

@ApiTags('round reports')
@Authorize('admin', 'service')
@Controller('rounds')
export class RoundReportHttpController {
  constructor(private readonly queries: RoundReportQueries) {}

  @Get()
  @ApiOperation({ summary: 'Rounds reporting has heard of, newest first' })
  @ApiOkResponse({ description: 'round ids with scope, strategy and status' })
  rounds(@Query() q: ListRoundsQuery) {
    return this.queries.rounds(q.limit ?? 50);
  }

  @Get(':id/report')
  @ApiOperation({
    summary: 'Coverage and fill by district, issue type, university and discipline; teams and lead universities; answers; unfilled slots; optimal vs stable; mixed vs one-university',
  })
  @ApiOkResponse({ type: RoundReportDoc, description: 'the report; `complete` is true once every announced assignment has arrived' })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  async report(@Param() p: RoundIdParams): Promise<RoundReport> {
    return this.load(p.id);
  }

  @Get(':id/report.csv')
  @ApiOperation({ summary: 'One table of the report as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv (UTF-8 with BOM)' })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  async reportCsv(@Param() p: RoundIdParams, @Query() q: ReportCsvQuery, @Res() res: Response): Promise<void> {
    const report = await this.load(p.id);
    const [columns, rows] = tableOf(report, q.table);
    sendCsv(res, `round-${p.id}-${q.table}.csv`, toCsv(columns, rows));
  }

  @Get(':id/assignments.csv')
  @ApiOperation({ summary: "Every assignment of the round with its current status, as CSV" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv (UTF-8 with BOM)' })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  async assignmentsCsv(@Param() p: RoundIdParams, @Res() res: Response): Promise<void> {
    await this.load(p.id);
    sendCsv(res, `round-${p.id}-assignments.csv`, toCsv(ASSIGNMENT_COLUMNS, await this.queries.assignments(p.id)));
  }

  private async load(id: string): Promise<RoundReport> {
    const report = await this.queries.report(id);
    if (!report) throw ApiError.notFound('round', id);
    return report;
  }
}

function sendCsv(res: Response, filename: string, body: string): void {
  res.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

/** The columns and rows of one report table. */
export function tableOf(r: RoundReport, table: ReportTable): [string[], Array<Record<string, unknown>>] {
  switch (table) {
    case 'summary': {
      const t = r.totals;
      const f = r.declared.figures;
      const rows: Array<Record<string, unknown>> = [
        { figure: 'status', value: r.status },
        { figure: 'strategy', value: r.strategy },
        { figure: 'teamPolicy', value: r.teamPolicy },
        { figure: 'scope', value: r.scope.key },
        { figure: 'dryRun', value: r.dryRun },
        { figure: 'complete', value: r.complete },
        { figure: 'projects', value: t?.projects ?? f?.projects },
        { figure: 'requiredSlots', value: t?.requiredSlots ?? f?.requiredSlots },
        { figure: 'coveredSlots', value: t?.coveredSlots ?? f?.coveredSlots },
        { figure: 'coverageRatio', value: t?.coverageRatio ?? f?.coverageRatio },
        { figure: 'weight', value: t?.weight ?? f?.weight },
        { figure: 'assignments', value: t?.assignments.total ?? f?.assignments.total },
        { figure: 'accepted', value: t?.assignments.accepted },
        { figure: 'declined', value: t?.assignments.declined },
        { figure: 'expired', value: t?.assignments.expired },
        { figure: 'acceptanceRate', value: t?.acceptanceRate },
        { figure: 'declineRate', value: t?.declineRate },
        { figure: 'unfilledSlots', value: r.unfilled.length },
        { figure: 'rematches', value: r.rematches },
        { figure: 'boundCoverage', value: r.declared.certificate?.bound.coverage },
        { figure: 'boundWeight', value: r.declared.certificate?.bound.weight },
        { figure: 'gapPct', value: r.declared.certificate?.gapPct },
        { figure: 'provenOptimal', value: r.declared.certificate?.proven },
      ];
      return [['figure', 'value'], rows];
    }
    case 'districts':
      return [PROJECT_GROUP_COLUMNS, r.byDistrict as unknown as Array<Record<string, unknown>>];
    case 'issue-types':
      return [PROJECT_GROUP_COLUMNS, r.byIssueType as unknown as Array<Record<string, unknown>>];
    case 'universities':
      return [EXPERT_GROUP_COLUMNS, r.byUniversity as unknown as Array<Record<string, unknown>>];
    case 'disciplines':
      return [EXPERT_GROUP_COLUMNS, r.byDiscipline as unknown as Array<Record<string, unknown>>];
    case 'unfilled':
      return [['projectId', 'districtId', 'issueType', 'kind', 'min', 'filled', 'missing', 'reason'], r.unfilled as unknown as Array<Record<string, unknown>>];
    case 'decline-reasons':
      return [['reason', 'count'], r.declineReasons];
    case 'comparison': {
      const c = r.comparison;
      const columns = ['strategy', 'roundId', 'dryRun', 'coverage', 'requiredSlots', 'coverageRatio', 'weight', 'assignments', 'underfilledSlots', 'unassignedExperts'];
      return [columns, c ? [{ strategy: 'optimal', ...c.optimal }, { strategy: 'stable', ...c.stable }] : []];
    }
    case 'teams':
      return [
        ['projectId', 'districtId', 'leadUniversityId', 'universities', 'teachers', 'students', 'accepted', 'reason'],
        r.teams.map((t) => ({ ...t, universities: t.universities.join(' ') })),
      ];
    case 'lead-universities':
      return [
        ['universityId', 'projectsLed', 'maxProjects', 'teachers', 'students', 'averageTeamSize', 'peoplePlaced'],
        r.byLeadUniversity as unknown as Array<Record<string, unknown>>,
      ];
    case 'policy-comparison': {
      const c = r.policyComparison;
      const columns = ['teamPolicy', 'roundId', 'dryRun', 'coverage', 'requiredSlots', 'coverageRatio', 'weight', 'assignments', 'underfilledSlots', 'unassignedExperts'];
      return [columns, c ? [c.mixed, c.oneUniversity] as unknown as Array<Record<string, unknown>> : []];
    }
  }
}
