import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// OpenAPI shapes of the response figures; the service returns the types of ../response-figures.types.

export class ResponseFiguresDoc {
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

export class UniversityResponsesDoc extends ResponseFiguresDoc {
  @ApiProperty({ example: 'fdu' }) universityId!: string;
}

export class RoundResponsesDoc extends ResponseFiguresDoc {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
}

export class ExpiredProposalDoc {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty() universityId!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty() expertId!: string;
  @ApiProperty({ enum: ['teacher', 'student'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
}

export class RoundResponseReportDoc {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ type: ResponseFiguresDoc }) totals!: ResponseFiguresDoc;
  @ApiProperty({ type: [UniversityResponsesDoc] }) byUniversity!: UniversityResponsesDoc[];
  @ApiProperty({ type: [ExpiredProposalDoc] }) expiredUnanswered!: ExpiredProposalDoc[];
}

export class ResponseOverviewDoc {
  @ApiProperty({ type: [UniversityResponsesDoc], description: 'each university over every round' }) byUniversity!: UniversityResponsesDoc[];
  @ApiProperty({ type: [RoundResponsesDoc], description: 'each round, newest first' }) byRound!: RoundResponsesDoc[];
}
