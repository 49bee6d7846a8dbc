import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

export class WithdrawRoundDto {
  @ApiProperty({ example: 'the round used last season’s limits', description: 'why: every withdrawn proposal carries it (coordinators read it)' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ default: false, description: 'withdraw accepted assignments too (by default they stay)' })
  @IsOptional()
  @IsBoolean()
  includeAccepted?: boolean;
}
