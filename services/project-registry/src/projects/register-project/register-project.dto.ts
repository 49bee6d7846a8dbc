import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMUNITY_TYPES, DISCIPLINES, DISTRICTS, ISSUE_TYPES } from '@civic/catalogue';
import { ShanghaiLocationDto, SlotRangeDto } from '@civic/platform';
import { Type } from 'class-transformer';
import type { ProjectInput } from '../project.entity';
import {
  ArrayMaxSize,
  IsDefined,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class ProjectSlotsDto {
  @ApiProperty({ type: SlotRangeDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SlotRangeDto)
  teacher!: SlotRangeDto;

  @ApiProperty({ type: SlotRangeDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SlotRangeDto)
  student!: SlotRangeDto;
}

/** A project as an action team registers it (also the shape of a JSON import row). */
export class RegisterProjectDto implements ProjectInput {
  @ApiProperty({ example: 'P00001', description: "The spreadsheet's key; re-imports match on it" })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'externalKey must be 1-64 letters, digits, dot, dash or underscore' })
  externalKey!: string;

  @ApiProperty({ example: '西凌新邨“联小建大”物业治理', description: 'The Chinese name (name_zh in the import file)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Xiling Xincun: merging owners\' committees ("Lian Xiao Jian Da")', description: 'name_en in the import file' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  nameEn?: string;

  @ApiProperty({ example: 'huangpu', enum: DISTRICTS.map((d) => d.id) })
  @IsIn(DISTRICTS.map((d) => d.id), { message: 'districtId must be one of the 16 Shanghai districts' })
  districtId!: string;

  @ApiProperty({ example: '310101015', description: '9-digit street/town code inside the district' })
  @Matches(/^\d{9}$/, { message: 'streetCode must be a 9-digit statistical code' })
  streetCode!: string;

  @ApiPropertyOptional({
    example: ['310104016'],
    description: 'Other streets/towns of a cross-region project (9-digit codes, possibly in a neighbouring district)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(/^\d{9}$/, { each: true, message: 'each value in partnerStreetCodes must be a 9-digit statistical code' })
  partnerStreetCodes?: string[];

  @ApiProperty({ example: 'residential', enum: COMMUNITY_TYPES.map((c) => c.slug) })
  @IsIn(COMMUNITY_TYPES.map((c) => c.slug))
  communityType!: string;

  @ApiProperty({ example: ['property_governance', 'two_old_one_village'], description: '1-3 issue types, primary first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ISSUE_TYPES.map((t) => t.slug), { each: true, message: 'each value in issueTypes must be a known issue type' })
  issueTypes!: string[];

  @ApiPropertyOptional({ example: ['law', 'public_admin'], description: '0-5 disciplines the action team asks for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(DISCIPLINES.map((d) => d.slug), { each: true, message: 'each value in wantedDisciplines must be a known discipline' })
  wantedDisciplines?: string[];

  @ApiProperty({ type: ProjectSlotsDto })
  // @ValidateNested skips an absent value: without @IsDefined a body with no slots would pass validation.
  @IsDefined()
  @ValidateNested()
  @Type(() => ProjectSlotsDto)
  slots!: ProjectSlotsDto;

  @ApiPropertyOptional({ type: ShanghaiLocationDto, description: "Defaults to the district's centroid" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShanghaiLocationDto)
  location?: ShanghaiLocationDto;
}
