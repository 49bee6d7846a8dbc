import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** Property decorator: this number must not exceed the sibling property `other` (e.g. min <= max). */
export function NotAbove(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notAbove',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: { message: `$property must not be greater than ${other}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const limit = (args.object as Record<string, unknown>)[other];
          return typeof value !== 'number' || typeof limit !== 'number' || value <= limit;
        },
      },
    });
}

/** A min..max range of team members of one kind, as action teams state it. */
export class SlotRangeDto {
  @ApiProperty({ example: 1, minimum: 0, maximum: 20 })
  @IsInt()
  @Min(0)
  @Max(20)
  @NotAbove('max')
  min!: number;

  @ApiProperty({ example: 3, minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  max!: number;
}
