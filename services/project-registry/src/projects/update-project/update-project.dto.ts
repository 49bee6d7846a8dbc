import { OmitType, PartialType } from '@nestjs/swagger';
import { RegisterProjectDto } from '../register-project/register-project.dto';

/** A change to some fields of a project; the external key never changes. `slots` and `location` are replaced whole. */
export class UpdateProjectDto extends PartialType(OmitType(RegisterProjectDto, ['externalKey'] as const)) {}
