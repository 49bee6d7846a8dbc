import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { EXPERT_KINDS, type ExpertKind, type GeoPoint } from '../../matching/matching-instance.v1';
import type { ExpertSnapshotV1 } from '../expert.events';
import { GeoPointSchema } from './schema-parts';

/** The payload of every expert.* event, v1. */
export class ExpertSnapshotV1Schema implements ExpertSnapshotV1 {
  @IsString() expertId!: string;
  @IsString() externalKey!: string;
  @IsIn(EXPERT_KINDS) kind!: ExpertKind;
  @IsString() name!: string;
  @IsString() universityId!: string;
  @IsString() collegeId!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsString({ each: true }) disciplines!: string[];
  @IsInt() @Min(0) capacity!: number;
  @IsBoolean() available!: boolean;
  @IsArray() @IsString({ each: true }) preferences!: string[];
  @IsObject() @ValidateNested() @Type(() => GeoPointSchema) location!: GeoPoint;
  @IsInt() @Min(1) revision!: number;
}
