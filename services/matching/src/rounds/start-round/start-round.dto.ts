import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISTRICTS } from '@civic/catalogue';
import type { MatchingStrategy } from '@civic/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class RoundScopeDto {
  @ApiPropertyOptional({ example: ['huangpu', 'jingan'], description: 'districts to cover; omit for the whole city' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @ArrayUnique()
  @IsIn(DISTRICTS.map((d) => d.id), { each: true, message: 'each value in districtIds must be one of the 16 Shanghai districts' })
  districtIds?: string[];
}

export class RoundOptionsDto {
  @ApiPropertyOptional({ example: 2, default: 2, description: 'per project, kind and primary discipline: at most this many experts' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  maxPerDiscipline?: number;

  @ApiPropertyOptional({ example: 30, nullable: true, description: 'pairs farther apart are not eligible; null for no limit' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1000)
  maxDistanceKm?: number | null;

  @ApiPropertyOptional({ example: 40, nullable: true, description: "each expert keeps only its K best eligible projects; null for all" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  candidateLimitPerExpert?: number | null;

  @ApiPropertyOptional({ example: 604800, description: 'seconds a coordinator has to answer a proposal (default: the service setting)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90 * 24 * 3600)
  responseWindowSeconds?: number;
}

/** An administrator's request to run a matching round. */
export class StartRoundDto {
  @ApiPropertyOptional({ enum: ['optimal', 'stable'], default: 'optimal' })
  @IsOptional()
  @IsIn(['optimal', 'stable'])
  strategy?: MatchingStrategy;

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

  @ApiPropertyOptional({ default: false, description: 'what-if: compute and report, propose nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ example: 'season-2026-city-1', description: 'same key, same round (the Idempotency-Key header takes precedence)' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:-]{1,128}$/, { message: 'idempotencyKey must be 1-128 letters, digits, dot, colon, dash or underscore' })
  idempotencyKey?: string;
}

/** The id of a started round. */
export class RoundIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a round id (UUID)' })
  id!: string;
}
