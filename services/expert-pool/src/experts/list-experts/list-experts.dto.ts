import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COLLEGES, DISCIPLINES, UNIVERSITIES } from '@civic/catalogue';
import { EXPERT_KINDS, type ExpertKind } from '@civic/contracts';
import { PageDoc, PageQuery } from '@civic/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ExpertView } from '../expert.view';

/** 'true' / 'false' from a query string; anything else is left for IsBoolean to refuse. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters and page of GET /experts; every filter is optional and they combine with AND. */
export class ListExpertsQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'fdu', enum: UNIVERSITIES.map((u) => u.id) })
  @IsOptional()
  @IsIn(UNIVERSITIES.map((u) => u.id), { message: 'universityId must be one of the 10 think-tank universities' })
  universityId?: string;

  @ApiPropertyOptional({ example: 'fdu_ssdpp' })
  @IsOptional()
  @IsIn(COLLEGES.map((c) => c.id), { message: 'collegeId must be a known college' })
  collegeId?: string;

  @ApiPropertyOptional({ example: 'sociology', description: 'any of the expert\'s disciplines' })
  @IsOptional()
  @IsIn(DISCIPLINES.map((d) => d.slug), { message: 'discipline must be a known discipline' })
  discipline?: string;

  @ApiPropertyOptional({ example: 'teacher', enum: EXPERT_KINDS })
  @IsOptional()
  @IsIn(EXPERT_KINDS as ExpertKind[])
  kind?: ExpertKind;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  available?: boolean;
}

export class ExpertPageView extends PageDoc {
  @ApiProperty({ type: [ExpertView] })
  items!: ExpertView[];
}
