import { ApiProperty } from '@nestjs/swagger';
import { AVAILABILITIES, EXPERT_KINDS, type Availability, type ExpertKind, type ExpertView as ExpertViewContract } from '@civic/contracts';
import { GeoPointView } from '@civic/platform';
import type { ExpertEntity } from './expert.entity';

/** An expert as the HTTP API returns it (the contract's ExpertView, described for OpenAPI). */
export class ExpertView implements ExpertViewContract {
  @ApiProperty({ example: 'T000002' })
  expertId!: string;

  @ApiProperty({ example: 'T000002' })
  externalKey!: string;

  @ApiProperty({ enum: EXPERT_KINDS, example: 'teacher' })
  kind!: ExpertKind;

  @ApiProperty({ example: '孙悦逸（虚拟）' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Sun Yueyi (synthetic)' })
  nameEn!: string | null;

  @ApiProperty({ example: 'tongji' })
  universityId!: string;

  @ApiProperty({ example: 'tj_law' })
  collegeId!: string;

  @ApiProperty({ example: ['law'] })
  disciplines!: string[];

  @ApiProperty({ example: 1 })
  capacity!: number;

  @ApiProperty({ example: true })
  available!: boolean;

  @ApiProperty({ enum: AVAILABILITIES, nullable: true, example: 'flexible' })
  availability!: Availability | null;

  @ApiProperty({ example: ['P00053'], description: 'ranked registry project ids' })
  preferences!: string[];

  @ApiProperty({ type: GeoPointView })
  location!: GeoPointView;

  @ApiProperty({ example: 1 })
  revision!: number;

  @ApiProperty({ example: '2025-11-26T09:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2025-11-26T09:00:00.000Z' })
  updatedAt!: string;
}

/** The API view of an expert. */
export function toExpertView(e: ExpertEntity): ExpertViewContract {
  return {
    ...e.toSnapshot(),
    nameEn: e.nameEn,
    availability: e.availability,
    createdAt: e.createdAt ? new Date(e.createdAt).toISOString() : new Date().toISOString(),
    updatedAt: e.updatedAt ? new Date(e.updatedAt).toISOString() : new Date().toISOString(),
  };
}
