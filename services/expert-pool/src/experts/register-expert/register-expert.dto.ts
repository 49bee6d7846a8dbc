import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COLLEGES, DISCIPLINES, UNIVERSITIES } from '@civic/catalogue';
import { AVAILABILITIES, EXPERT_KINDS, ExpertKind, type Availability } from '@civic/contracts';
import { ShanghaiLocationDto } from '@civic/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ExpertInput } from '../expert.entity';

/** A teacher or student as a university coordinator registers them (also the shape of a JSON import row). */
export class RegisterExpertDto implements ExpertInput {
  @ApiProperty({ example: 'T000002', description: "The spreadsheet's key; re-imports match on it" })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'externalKey must be 1-64 letters, digits, dot, dash or underscore' })
  externalKey!: string;

  @ApiProperty({ example: 'teacher', enum: EXPERT_KINDS })
  @IsIn(EXPERT_KINDS as ExpertKind[])
  kind!: ExpertKind;

  @ApiProperty({ example: '孙悦逸（虚拟）', description: 'The Chinese name (name_zh in the import file)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'Sun Yueyi (synthetic)', description: 'name_en in the import file' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiProperty({ example: 'tongji', enum: UNIVERSITIES.map((u) => u.id) })
  @IsIn(UNIVERSITIES.map((u) => u.id), { message: 'universityId must be one of the 10 think-tank universities' })
  universityId!: string;

  @ApiProperty({ example: 'tj_law', description: 'a college of the university (GET /catalogue/universities/{id}/colleges)' })
  @IsIn(COLLEGES.map((c) => c.id), { message: 'collegeId must be a known college' })
  collegeId!: string;

  @ApiProperty({ example: ['law', 'public_admin'], description: '1-3 disciplines, primary first (GET /catalogue/disciplines)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(DISCIPLINES.map((d) => d.slug), { each: true, message: 'each value in disciplines must be a known discipline' })
  disciplines!: string[];

  @ApiProperty({ example: 2, minimum: 0, maximum: 10, description: 'projects the expert can serve in a round' })
  @IsInt()
  @Min(0)
  @Max(10)
  capacity!: number;

  @ApiPropertyOptional({ example: true, default: true, description: 'false takes the expert out of rounds' })
  @IsOptional()
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ example: 'weekends', enum: AVAILABILITIES, description: 'when the expert can work (informational)' })
  @IsOptional()
  @IsIn(AVAILABILITIES as Availability[])
  availability?: Availability;

  @ApiPropertyOptional({
    example: ['P00053', 'P00011'],
    description: 'ranked registry project ids, most wanted first; each must be registered and, when newly added, not withdrawn',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^P\d{5,}$/, { each: true, message: 'each value in preferences must be a project id like P00001' })
  preferences?: string[];

  @ApiPropertyOptional({ type: ShanghaiLocationDto, description: "Defaults to the university's main campus" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShanghaiLocationDto)
  location?: ShanghaiLocationDto;
}
