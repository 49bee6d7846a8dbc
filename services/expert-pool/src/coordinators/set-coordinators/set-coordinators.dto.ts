import { ApiProperty } from '@nestjs/swagger';
import { COORDINATOR_LANGUAGES, CoordinatorLanguage } from '@civic/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, Length, MaxLength, ValidateNested } from 'class-validator';

/** How many coordinators one university may have. */
export const MAX_COORDINATORS = 10;

/** Surrounding spaces (pasted addresses and names) are dropped before the rules apply. */
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CoordinatorDto {
  @ApiProperty({ example: 'fdu-coordinator@example.org', maxLength: 254 })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '王晓明', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: COORDINATOR_LANGUAGES, description: 'the language of the mails this coordinator gets' })
  @IsIn(COORDINATOR_LANGUAGES as unknown as string[], { message: `language must be one of ${COORDINATOR_LANGUAGES.join(', ')}` })
  language!: CoordinatorLanguage;
}

export class SetCoordinatorsDto {
  @ApiProperty({ type: [CoordinatorDto], maxItems: MAX_COORDINATORS, description: 'the whole list (an empty list removes them all)' })
  @IsArray()
  @ArrayMaxSize(MAX_COORDINATORS)
  @ValidateNested({ each: true })
  @Type(() => CoordinatorDto)
  coordinators!: CoordinatorDto[];
}
