import { ApiProperty } from '@nestjs/swagger';
import { COORDINATOR_LANGUAGES, CoordinatorLanguage, CoordinatorV1 } from '@civic/contracts';

export class CoordinatorView implements CoordinatorV1 {
  @ApiProperty({ example: 'fdu-coordinator@example.org' }) email!: string;
  @ApiProperty({ example: '王晓明' }) name!: string;
  @ApiProperty({ enum: COORDINATOR_LANGUAGES }) language!: CoordinatorLanguage;
}

export class UniversityCoordinatorsView {
  @ApiProperty({ example: 'fdu' }) universityId!: string;
  @ApiProperty({ type: [CoordinatorView] }) coordinators!: CoordinatorView[];
  @ApiProperty({ description: '0 while none were ever set', example: 1 }) revision!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

/** A row of university_coordinators. */
export interface CoordinatorsRow {
  university_id: string;
  coordinators: CoordinatorV1[];
  revision: number;
  updated_at: Date;
}

export function toCoordinatorsView(universityId: string, row: CoordinatorsRow | undefined): UniversityCoordinatorsView {
  return {
    universityId,
    coordinators: row?.coordinators ?? [],
    revision: row?.revision ?? 0,
    updatedAt: row ? row.updated_at.toISOString() : null,
  };
}
