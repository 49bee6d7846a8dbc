import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECLINE_REASONS, DeclineReason } from '@civic/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Why the expert cannot take the proposal. */
export class DeclineAssignmentDto {
  @ApiProperty({ enum: DECLINE_REASONS, example: 'schedule_conflict' })
  @IsIn(DECLINE_REASONS as DeclineReason[], { message: `reason must be one of ${DECLINE_REASONS.join(', ')}` })
  reason!: DeclineReason;

  @ApiPropertyOptional({ example: '周末有课，无法参加', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AssignmentParams {
  @ApiProperty({ example: 'fdu' })
  @IsString()
  universityId!: string;

  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'assignmentId must be an assignment id (UUID)' })
  assignmentId!: string;
}
