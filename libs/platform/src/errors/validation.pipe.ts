import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { toFieldProblems } from './api-error';

/** Validated query strings and path parameters kept per DTO class (the oldest goes first), and only short ones. */
const MAX_ENTRIES_PER_CLASS = 500;
const MAX_KEY_LENGTH = 512;

/**
 * Validation that remembers what it let through for query strings and path parameters: a client reads the same
 * page or report with the same parameters again and again, and validating them (class-transformer, then
 * class-validator) was a good part of a small read's cost. The DTOs' rules are pure functions of the value, so the
 * same value gets the same DTO; each request gets its own copy of it. Bodies and refused values are not kept.
 */
class RememberingValidationPipe extends ValidationPipe {
  private readonly validated = new WeakMap<Function, Map<string, unknown>>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if ((type !== 'query' && type !== 'param') || !metatype || !this.toValidate(metadata)) return super.transform(value, metadata);
    const key = JSON.stringify(value);
    if (key === undefined || key.length > MAX_KEY_LENGTH) return super.transform(value, metadata);
    let byValue = this.validated.get(metatype);
    const known = byValue?.get(key);
    if (known !== undefined) return copyOf(known);
    const dto = await super.transform(value, metadata);
    if (!copyable(dto)) return dto;
    if (!byValue) this.validated.set(metatype, (byValue = new Map()));
    if (byValue.size >= MAX_ENTRIES_PER_CLASS) byValue.delete(byValue.keys().next().value!);
    byValue.set(key, copyOf(dto));
    return dto;
  }
}

/** Plain data that copyOf copies faithfully: primitives, dates, arrays and objects of own fields (no Map, Set, buffers). */
function copyable(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || value instanceof Date) return true;
  if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof RegExp) return false;
  return Object.values(value).every(copyable);
}

/** A deep copy that keeps each object's class (a DTO's methods and `instanceof` still work). */
function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = copyOf(v);
  return copy as T;
}

/** Whitelisting validation: unknown fields are refused, and every problem names its field and rule. */
export function createValidationPipe(): ValidationPipe {
  return new RememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => DomainError.invalidFields(toFieldProblems(errors)),
  });
}
