import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** `:id` of the round routes: a round id (UUID). */
export class RoundIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a round id (UUID)' })
  id!: string;
}
