import { ApiProperty } from '@nestjs/swagger';
import { PageDoc, PageQuery } from '@civic/platform';

/** GET /rounds: newest first, by page. */
export class ListRoundsQuery extends PageQuery {}

export class RoundScopeView {
  @ApiProperty({ type: String, nullable: true, example: 'city' }) key!: string | null;
  @ApiProperty({ type: [String], nullable: true }) districtIds!: string[] | null;
}

/** A round as the list shows it. */
export class RoundSummaryView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ type: RoundScopeView }) scope!: RoundScopeView;
  @ApiProperty({ type: String, nullable: true, enum: ['optimal', 'stable'] }) strategy!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) dryRun!: boolean | null;
  @ApiProperty({ example: 'completed' }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class RoundSummaryPageView extends PageDoc {
  @ApiProperty({ type: [RoundSummaryView], description: 'newest first' }) items!: RoundSummaryView[];
}
