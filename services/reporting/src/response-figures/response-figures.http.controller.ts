import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { ApiError } from '@civic/platform';
import { RoundIdParams } from '../round-reports/get-report/round-report.http.controller';
import { ResponseFigureQueries } from './response-figures.queries';
import type { ResponseOverview, RoundResponseReport } from './response-figures.types';

class ResponseFiguresDoc {
  @ApiProperty() proposals!: number;
  @ApiProperty({ description: 'accepted or declined' }) answered!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() declined!: number;
  @ApiProperty({ description: 'expired without an answer' }) expiredUnanswered!: number;
  @ApiProperty({ description: 'still awaiting an answer' }) pending!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'answered / (answered + expiredUnanswered); null before any window closed' })
  responseRate!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'median seconds from proposal to answer; null before any answer' })
  medianSecondsToAnswer!: number | null;
}

class UniversityResponsesDoc extends ResponseFiguresDoc {
  @ApiProperty({ example: 'fdu' }) universityId!: string;
}

class RoundResponsesDoc extends ResponseFiguresDoc {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
}

class ExpiredProposalDoc {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty() universityId!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty() expertId!: string;
  @ApiProperty({ enum: ['teacher', 'student'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
}

class RoundResponseReportDoc {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ type: ResponseFiguresDoc }) totals!: ResponseFiguresDoc;
  @ApiProperty({ type: [UniversityResponsesDoc] }) byUniversity!: UniversityResponsesDoc[];
  @ApiProperty({ type: [ExpiredProposalDoc] }) expiredUnanswered!: ExpiredProposalDoc[];
}

class ResponseOverviewDoc {
  @ApiProperty({ type: [UniversityResponsesDoc], description: 'each university over every round' }) byUniversity!: UniversityResponsesDoc[];
  @ApiProperty({ type: [RoundResponsesDoc], description: 'each round, newest first' }) byRound!: RoundResponsesDoc[];
}

/** How universities answer their proposals: response rate, median time to answer, proposals that expired unanswered. */
@ApiTags('response figures')
@Authorize('admin', 'service')
@Controller()
export class ResponseFiguresHttpController {
  constructor(private readonly queries: ResponseFigureQueries) {}

  @Get('responses')
  @ApiOperation({ summary: 'Response rate and median time to answer per university (over every round) and per round' })
  @ApiOkResponse({ type: ResponseOverviewDoc })
  overview(): Promise<ResponseOverview> {
    return this.queries.overview();
  }

  @Get('rounds/:id/responses')
  @ApiOperation({ summary: "A round's response figures per university, and its proposals that expired unanswered" })
  @ApiOkResponse({ type: RoundResponseReportDoc })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  async round(@Param() p: RoundIdParams): Promise<RoundResponseReport> {
    const report = await this.queries.round(p.id);
    if (!report) throw ApiError.notFound('round', p.id);
    return report;
  }
}
