import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CancelRoundDto {
  @ApiPropertyOptional({ example: 'wrong scope', description: 'why (kept in the audit and the round.cancelled event)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
