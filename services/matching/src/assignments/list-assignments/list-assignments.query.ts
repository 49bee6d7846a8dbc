import { ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNMENT_STATUSES, AssignmentStatus, EXPERT_KINDS, ExpertKind } from '@civic/contracts';
import { PageLimit } from '@civic/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ListAssignmentsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only this round' })
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ description: 'comma-separated statuses', example: 'proposed' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(ASSIGNMENT_STATUSES as AssignmentStatus[], { each: true, message: 'each value in status must be proposed, accepted, declined or expired' })
  status?: AssignmentStatus[];

  @ApiPropertyOptional({ enum: EXPERT_KINDS })
  @IsOptional()
  @IsIn(EXPERT_KINDS as ExpertKind[])
  kind?: ExpertKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'the `next` cursor of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;

  /** A cursor read (after / next), like the event feed: `limit` rows at most (PageLimit's rule). */
  @PageLimit(500)
  limit?: number;
}
