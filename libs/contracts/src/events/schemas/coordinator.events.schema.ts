import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsIn, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { COORDINATOR_LANGUAGES, type CoordinatorLanguage, type CoordinatorV1, type UniversityCoordinatorsV1 } from '../coordinator.events';

/** One coordinator in a coordinators.set payload. */
export class CoordinatorV1Schema implements CoordinatorV1 {
  @IsEmail() email!: string;
  @IsString() name!: string;
  @IsIn(COORDINATOR_LANGUAGES) language!: CoordinatorLanguage;
}

/** The payload of coordinators.set, v1. */
export class UniversityCoordinatorsV1Schema implements UniversityCoordinatorsV1 {
  @IsString() universityId!: string;
  @IsArray() @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CoordinatorV1Schema) coordinators!: CoordinatorV1[];
  @IsInt() @Min(1) revision!: number;
}
