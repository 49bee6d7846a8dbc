import { OmitType, PartialType } from '@nestjs/swagger';
import { RegisterExpertDto } from '../register-expert/register-expert.dto';

/**
 * A change to some fields of an expert; external key and kind never change, and `preferences` and `location` are
 * replaced whole. A change to `available` / `availability` alone emits expert.availability-changed.
 */
export class UpdateExpertDto extends PartialType(OmitType(RegisterExpertDto, ['externalKey', 'kind'] as const)) {}
