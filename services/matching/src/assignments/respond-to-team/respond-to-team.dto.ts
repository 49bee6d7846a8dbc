import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export { DeclineAssignmentDto as DeclineTeamDto } from '../respond-to-assignment/decline-assignment.dto';

/** A university's team on one project of one round. */
export class TeamParams {
  @ApiProperty({ example: 'fdu' })
  @IsString()
  universityId!: string;

  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'roundId must be a round id (UUID)' })
  roundId!: string;

  @ApiProperty({ example: 'P00001' })
  @Matches(/^[\w.:-]{1,64}$/, { message: 'projectId must be 1-64 letters, digits, dot, colon, dash or underscore' })
  projectId!: string;
}
