import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import type { ExpertKind, GeoPoint, SlotRange } from '../../matching/matching-instance.v1';
import type { ProjectSnapshotV1, ProjectStatus } from '../project.events';
import { GeoPointSchema, SlotsSchema } from './schema-parts';

/** The payload of every project.* event, v1. */
export class ProjectSnapshotV1Schema implements ProjectSnapshotV1 {
  @IsString() projectId!: string;
  @IsString() externalKey!: string;
  @IsString() name!: string;
  @IsString() districtId!: string;
  @IsString() streetCode!: string;
  @IsString() communityType!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsString({ each: true }) issueTypes!: string[];
  @IsArray() @IsString({ each: true }) wantedDisciplines!: string[];
  @IsObject() @ValidateNested() @Type(() => SlotsSchema) slots!: Record<ExpertKind, SlotRange>;
  @IsObject() @ValidateNested() @Type(() => GeoPointSchema) location!: GeoPoint;
  @IsIn(['active', 'withdrawn']) status!: ProjectStatus;
  @IsInt() @Min(1) revision!: number;
}
