import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMUNITY_TYPES, DISCIPLINES, DISTRICTS, ISSUE_TYPES } from '@civic/catalogue';
import { SlotRangeDto } from '@civic/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class ProjectSlotsDto {
  @ApiProperty({ type: SlotRangeDto })
  @ValidateNested()
  @Type(() => SlotRangeDto)
  teacher!: SlotRangeDto;

  @ApiProperty({ type: SlotRangeDto })
  @ValidateNested()
  @Type(() => SlotRangeDto)
  student!: SlotRangeDto;
}

export class GeoPointDto {
  @ApiProperty({ example: 31.2 })
  @IsLatitude()
  lat!: number;

  @ApiProperty({ example: 121.48 })
  @IsLongitude()
  lon!: number;
}

/** A project as an action team registers it. */
export class RegisterProjectDto {
  @ApiProperty({ example: 'SH2023-P001', description: "The spreadsheet's key; re-imports match on it" })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'externalKey must be 1-64 letters, digits, dot, dash or underscore' })
  externalKey!: string;

  @ApiProperty({ example: '西凌新邨“联小建大”物业治理' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'huangpu', enum: DISTRICTS.map((d) => d.id) })
  @IsIn(DISTRICTS.map((d) => d.id), { message: 'districtId must be one of the 16 Shanghai districts' })
  districtId!: string;

  @ApiProperty({ example: '310101015', description: '9-digit street/town code inside the district' })
  @Matches(/^\d{9}$/, { message: 'streetCode must be a 9-digit statistical code' })
  streetCode!: string;

  @ApiProperty({ example: 'residential', enum: COMMUNITY_TYPES.map((c) => c.slug) })
  @IsIn(COMMUNITY_TYPES.map((c) => c.slug))
  communityType!: string;

  @ApiProperty({ example: ['property_governance', 'old_housing_renewal'], description: '1-3 issue types, primary first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ISSUE_TYPES.map((t) => t.slug), { each: true, message: 'each value in issueTypes must be a known issue type' })
  issueTypes!: string[];

  @ApiPropertyOptional({ example: ['law'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(DISCIPLINES.map((d) => d.slug), { each: true, message: 'each value in wantedDisciplines must be a known discipline' })
  wantedDisciplines?: string[];

  @ApiProperty({ type: ProjectSlotsDto })
  @ValidateNested()
  @Type(() => ProjectSlotsDto)
  slots!: ProjectSlotsDto;

  @ApiPropertyOptional({ type: GeoPointDto, description: "Defaults to the district's centroid" })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointDto)
  location?: GeoPointDto;
}
