import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** Publishing a draft: what to do if something it relies on changed since it was solved. */
export class PublishRoundDto {
  @ApiPropertyOptional({ example: 3, description: "the round's revision the administrator reviewed; another change since is a 409 stale_revision" })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({
    enum: ['refuse', 'resolve'],
    default: 'refuse',
    description:
      'refuse: a 409 round_changed naming what changed (experts withdrawn, capacity or places taken by a round published meanwhile, projects withdrawn); resolve: re-solve the draft minimally (only what changed is replaced) and publish',
  })
  @IsOptional()
  @IsIn(['refuse', 'resolve'], { message: 'onChange must be refuse or resolve' })
  onChange?: 'refuse' | 'resolve';

  @ApiPropertyOptional({ example: 'reviewed with the district offices', description: 'why (kept in the audit)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
