import { ApiProperty } from '@nestjs/swagger';
import { COORDINATOR_LANGUAGES, CoordinatorLanguage } from '@civic/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, Length, MaxLength, ValidateNested } from 'class-validator';

/** How many coordinators one university may have. */
export const MAX_COORDINATORS = 10;

export class CoordinatorDto {
  @ApiProperty({ example: 'fdu-coordinator@example.org', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '王晓明', minLength: 1, maxLength: 100 })
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
