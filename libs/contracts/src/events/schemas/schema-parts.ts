/**
 * Building blocks of the event payload schemas: class-validator classes that `implement` the contract's interfaces,
 * so a required field added to a contract fails the build until its schema has it too.
 */
// The decorators below read design types: the metadata API must exist in every process that loads the contracts.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, Max, Min, ValidateBy, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';
import type { ExpertKind, GeoPoint, SlotRange } from '../../matching/matching-instance.v1';

/** The property must be present; null is a value it may have. */
export const NullOr = (): PropertyDecorator => ValidateIf((_o: object, value: unknown) => value !== null);

/** A plain object whose every value is a finite number (e.g. WeightParts). */
export function IsNumberRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNumberRecord',
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((n) => typeof n === 'number' && Number.isFinite(n)),
        defaultMessage: (args) => `${args?.property} must be an object of numbers`,
      },
    },
    options,
  );
}

export class GeoPointSchema implements GeoPoint {
  @IsNumber() @Min(-90) @Max(90) lat!: number;
  @IsNumber() @Min(-180) @Max(180) lon!: number;
}

export class SlotRangeSchema implements SlotRange {
  @IsInt() @Min(0) min!: number;
  @IsInt() @Min(0) max!: number;
}

export class SlotsSchema implements Record<ExpertKind, SlotRange> {
  @IsObject() @ValidateNested() @Type(() => SlotRangeSchema) teacher!: SlotRange;
  @IsObject() @ValidateNested() @Type(() => SlotRangeSchema) student!: SlotRange;
}
