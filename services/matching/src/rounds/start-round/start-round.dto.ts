import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISTRICTS } from '@civic/catalogue';
import { TEAM_POLICIES, type MatchingStrategy, type TeamPolicy, type UniversityLimit } from '@civic/contracts';
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
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { universityLimitsProblem } from '../domain/university-limits.rule';

/** Property decorator: a `universityLimits` map (universityLimitsProblem says what is wrong with it). */
function IsUniversityLimits(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'universityLimits',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => universityLimitsProblem(args.value) ?? 'universityLimits is invalid' },
      validator: { validate: (value: unknown) => universityLimitsProblem(value) === null },
    });
}

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

  @ApiPropertyOptional({
    enum: TEAM_POLICIES,
    default: 'mixed',
    description: 'mixed: experts of any universities; one-university: every member of a project from one university, its lead (not with strategy stable)',
  })
  @IsOptional()
  @IsIn(TEAM_POLICIES as TeamPolicy[], { message: `teamPolicy must be one of ${TEAM_POLICIES.join(', ')}` })
  teamPolicy?: TeamPolicy;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', properties: { maxProjects: { type: 'integer', minimum: 0 } }, required: ['maxProjects'] },
    example: { fdu: { maxProjects: 25 }, ecupl: { maxProjects: 12 } },
    description: 'per university id, the most projects it may lead (under mixed: have an expert in); universities not listed have no limit',
  })
  @IsOptional()
  @IsUniversityLimits()
  universityLimits?: Record<string, UniversityLimit>;
}

/** What a round covers and how: the scope and options POST /rounds and POST /rounds/preflight both take. */
export class RoundSettingsDto {
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

/** An administrator's request to run a matching round: its settings, and how it runs. */
export class StartRoundDto extends RoundSettingsDto {
  @ApiPropertyOptional({ enum: ['optimal', 'stable'], default: 'optimal' })
  @IsOptional()
  @IsIn(['optimal', 'stable'])
  strategy?: MatchingStrategy;

  @ApiPropertyOptional({ default: false, description: 'what-if: compute and report, propose nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'publish the moment it is solved: proposals go out at once (no draft to review). Without it a real round ends as a draft that POST /rounds/{id}/publish sends out',
  })
  @IsOptional()
  @IsBoolean()
  publishAtOnce?: boolean;

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
