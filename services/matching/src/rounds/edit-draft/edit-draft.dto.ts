import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROUND_EDIT_OPS, type RoundEditOp } from '@civic/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';

export class RoundEditDto {
  @ApiProperty({ enum: ROUND_EDIT_OPS, description: 'pin: place the expert on the project by hand; remove: take the pair out (forbidden for this round); move: off fromProjectId, onto projectId' })
  @IsIn(ROUND_EDIT_OPS as RoundEditOp[], { message: `op must be one of ${ROUND_EDIT_OPS.join(', ')}` })
  op!: RoundEditOp;

  @ApiProperty({ example: 'T000123' })
  @IsString()
  @Matches(/^[\w.-]{1,64}$/, { message: 'expertId must be an expert id' })
  expertId!: string;

  @ApiProperty({ example: 'P00042', description: 'the project to pin to, remove from, or move to' })
  @IsString()
  @Matches(/^[\w.-]{1,64}$/, { message: 'projectId must be a project id' })
  projectId!: string;

  @ApiPropertyOptional({ example: 'P00007', description: 'move only: the project the expert leaves' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.-]{1,64}$/, { message: 'fromProjectId must be a project id' })
  fromProjectId?: string;
}

/** One edit or a batch, against the revision the administrator saw, with why. */
export class EditDraftDto {
  @ApiProperty({ example: 2, description: "the round's revision the edit was made against (GET /rounds/{id}); another edit since is a 409 stale_revision" })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiProperty({ example: 'the street office asked for a planner who speaks Shanghainese', description: 'why (kept in the audit and the round.edited event)' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiProperty({ type: [RoundEditDto], description: 'applied together or not at all (1-50)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoundEditDto)
  edits!: RoundEditDto[];
}
