import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_STATUSES } from './project.statuses';
import type { ProjectEntity } from './project.entity';
import type { ProjectStatus, ProjectView as ProjectViewContract } from '@civic/contracts';
import { GeoPointView } from '@civic/platform';

class SlotRangeView {
  @ApiProperty({ example: 1 })
  min!: number;

  @ApiProperty({ example: 3 })
  max!: number;
}

class ProjectSlotsView {
  @ApiProperty({ type: SlotRangeView })
  teacher!: SlotRangeView;

  @ApiProperty({ type: SlotRangeView, example: { min: 2, max: 4 } })
  student!: SlotRangeView;
}

/** A project as the HTTP API returns it (the contract's ProjectView, described for OpenAPI). */
export class ProjectView implements ProjectViewContract {
  @ApiProperty({ example: 'P00001' })
  projectId!: string;

  @ApiProperty({ example: 'P00001' })
  externalKey!: string;

  @ApiProperty({ example: '西凌新邨“联小建大”物业治理' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Xiling Xincun: merging owners\' committees ("Lian Xiao Jian Da")' })
  nameEn!: string | null;

  @ApiProperty({ example: 'huangpu' })
  districtId!: string;

  @ApiProperty({ example: '310101015', description: '半淞园路街道' })
  streetCode!: string;

  @ApiProperty({ example: [] })
  partnerStreetCodes!: string[];

  @ApiProperty({ example: 'residential' })
  communityType!: string;

  @ApiProperty({ example: ['property_governance', 'pain_points'] })
  issueTypes!: string[];

  @ApiProperty({ example: ['law', 'public_admin'] })
  wantedDisciplines!: string[];

  @ApiProperty({ type: ProjectSlotsView })
  slots!: ProjectSlotsView;

  @ApiProperty({ type: GeoPointView })
  location!: GeoPointView;

  @ApiProperty({ enum: PROJECT_STATUSES, example: 'active' })
  status!: ProjectStatus;

  @ApiProperty({ example: 1, description: 'increases by one with every change' })
  revision!: number;

  @ApiProperty({ example: '2025-11-26T09:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2025-11-26T09:00:00.000Z' })
  updatedAt!: string;
}

/** The API view of a project. */
export function toProjectView(p: ProjectEntity): ProjectViewContract {
  return {
    ...p.toSnapshot(),
    nameEn: p.nameEn,
    partnerStreetCodes: p.partnerStreetCodes,
    createdAt: p.createdAt ? new Date(p.createdAt).toISOString() : new Date().toISOString(),
    updatedAt: p.updatedAt ? new Date(p.updatedAt).toISOString() : new Date().toISOString(),
  };
}
