import { ApiPropertyOptional } from '@nestjs/swagger';
import { EXPERT_KINDS, type ExpertKind } from '@civic/contracts';
import { ImportModeQueryDto } from '@civic/imports';
import { IsIn, IsOptional } from 'class-validator';

/** The query of POST /experts/imports. */
export class ImportExpertsQueryDto extends ImportModeQueryDto {
  @ApiPropertyOptional({ enum: EXPERT_KINDS, example: 'teacher', description: 'when given, every row must be of this kind (teachers.csv, students.csv)' })
  @IsOptional()
  @IsIn(EXPERT_KINDS as ExpertKind[])
  kind?: ExpertKind;
}
