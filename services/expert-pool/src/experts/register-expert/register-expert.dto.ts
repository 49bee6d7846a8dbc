import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COLLEGES, DISCIPLINES, UNIVERSITIES } from '@civic/catalogue';
import { EXPERT_KINDS, ExpertKind } from '@civic/contracts';
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
} from 'class-validator';

/** A teacher or student as a university coordinator registers them. */
export class RegisterExpertDto {
  @ApiProperty({ example: 'FDU-T-0001', description: "The spreadsheet's key; re-imports match on it" })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'externalKey must be 1-64 letters, digits, dot, dash or underscore' })
  externalKey!: string;

  @ApiProperty({ example: 'teacher', enum: EXPERT_KINDS })
  @IsIn(EXPERT_KINDS as ExpertKind[])
  kind!: ExpertKind;

  @ApiProperty({ example: '张老师（合成）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'fdu', enum: UNIVERSITIES.map((u) => u.id) })
  @IsIn(UNIVERSITIES.map((u) => u.id), { message: 'universityId must be one of the 10 think-tank universities' })
  universityId!: string;

  @ApiProperty({ example: 'fdu_ssdpp' })
  @IsIn(COLLEGES.map((c) => c.id), { message: 'collegeId must be a known college' })
  collegeId!: string;

  @ApiProperty({ example: ['sociology'], description: '1-3 disciplines, primary first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(DISCIPLINES.map((d) => d.slug), { each: true, message: 'each value in disciplines must be a known discipline' })
  disciplines!: string[];

  @ApiProperty({ example: 1, minimum: 0, maximum: 10, description: 'projects the expert can serve in a round' })
  @IsInt()
  @Min(0)
  @Max(10)
  capacity!: number;

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptional()
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ example: ['P00001'], description: 'ranked project ids, most wanted first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^P\d{5,}$/, { each: true, message: 'each value in preferences must be a project id like P00001' })
  preferences?: string[];
}
