import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMUNITY_TYPES, DISTRICTS, ISSUE_TYPES } from '@civic/catalogue';
import type { ProjectStatus } from '@civic/contracts';
import { PageDoc, PageQuery } from '@civic/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PROJECT_STATUSES } from '../project.statuses';
import { ProjectView } from '../project.view';

/** Filters and page of GET /projects; every filter is optional and they combine with AND. */
export class ListProjectsQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'huangpu', enum: DISTRICTS.map((d) => d.id) })
  @IsOptional()
  @IsIn(DISTRICTS.map((d) => d.id), { message: 'districtId must be one of the 16 Shanghai districts' })
  districtId?: string;

  @ApiPropertyOptional({ example: '310101015', description: 'lead street/town (9-digit code)' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'streetCode must be a 9-digit statistical code' })
  streetCode?: string;

  @ApiPropertyOptional({ example: 'property_governance', enum: ISSUE_TYPES.map((t) => t.slug), description: 'any of the project\'s issue types' })
  @IsOptional()
  @IsIn(ISSUE_TYPES.map((t) => t.slug), { message: 'issueType must be a known issue type' })
  issueType?: string;

  @ApiPropertyOptional({ example: 'residential', enum: COMMUNITY_TYPES.map((c) => c.slug) })
  @IsOptional()
  @IsIn(COMMUNITY_TYPES.map((c) => c.slug), { message: 'communityType must be a known community type' })
  communityType?: string;

  @ApiPropertyOptional({ example: 'active', enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES as ProjectStatus[])
  status?: ProjectStatus;
}

export class ProjectPageView extends PageDoc {
  @ApiProperty({ type: [ProjectView] })
  items!: ProjectView[];
}
