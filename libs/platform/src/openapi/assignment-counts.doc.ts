import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AssignmentCountsV1 } from '@civic/contracts';

/** OpenAPI shape of a round's assignment counts: matching's round view and reporting's report both answer it. */
export class AssignmentCountsDoc implements AssignmentCountsV1 {
  @ApiProperty() total!: number;
  @ApiProperty() proposed!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() declined!: number;
  @ApiProperty() expired!: number;
  @ApiPropertyOptional({ description: 'taken back by a withdrawal of the round' }) withdrawn?: number;
}
