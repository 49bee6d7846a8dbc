import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { RoundOptionsDto, RoundScopeDto } from '../start-round/start-round.dto';

/** The scope and options a round would be started with (the same fields and rules as POST /rounds). */
export class PreflightDto {
  @ApiPropertyOptional({ type: RoundScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoundScopeDto)
  scope?: RoundScopeDto;

  @ApiPropertyOptional({ type: RoundOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoundOptionsDto)
  options?: RoundOptionsDto;
}
