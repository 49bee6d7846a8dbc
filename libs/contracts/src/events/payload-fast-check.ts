/**
 * A fast path in front of class-validator for the event payload schemas. Every consumer checks every event's payload
 * (event-payloads.ts), and `plainToInstance` + `validateSync` spend most of their time building instances and one
 * ValidationError per property, which a conforming payload throws away: that was most of a consumer's CPU per event.
 *
 * This runs the very constraint functions class-validator registered for the schema (same metadata, same
 * `validate(value, args)`, the nested classes class-transformer's `@Type` names) on the plain payload, and says only
 * "conforms" or "don't know". Anything it does not model (other validation types, async constraints, groups,
 * class-transformer exposures, exclusions or transforms, discriminators) makes a schema unsupported, so the caller
 * asks class-validator, which also writes the messages whenever the fast path does not say "conforms". So it can
 * only be stricter than class-validator, never more lenient (the spec compares the two on many broken payloads).
 */
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';

// class-transformer keeps its metadata (what @Type names) in a module it does not export from its index.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

type Schema = new () => object;
type Constraint = { validate(value: unknown, args: ValidationArguments): unknown };

interface PropertyCheck {
  name: string;
  conditions: Array<(object: object, value: unknown) => unknown>;
  constraints: Array<{ instance: Constraint; each: boolean; args: Omit<ValidationArguments, 'object' | 'value'> }>;
  /** For `@ValidateNested`: the class of the nested values (null: a plain object, which class-validator does not look into). */
  nested?: Schema | null;
}

const compiled = new Map<Schema, PropertyCheck[] | null>();

/** The checks of a schema, or null when it uses something this fast path does not model. */
function compile(schema: Schema): PropertyCheck[] | null {
  if (compiled.has(schema)) return compiled.get(schema)!;
  compiled.set(schema, null); // a schema that reaches itself stays unsupported while it compiles
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(schema, '', false, false, undefined);
  const byProperty = new Map<string, typeof metadatas>();
  for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const checks: PropertyCheck[] = [];
  for (const [name, list] of byProperty) {
    if (defaultMetadataStorage.findTransformMetadatas(schema, name, 1 /* PLAIN_TO_CLASS */).length) return null;
    if (defaultMetadataStorage.findExposeMetadata(schema, name) || defaultMetadataStorage.findExcludeMetadata(schema, name)) return null;
    const check: PropertyCheck = { name, conditions: [], constraints: [] };
    // A @Type that is not a nested schema converts the value before class-validator sees it: not modelled here.
    const type = defaultMetadataStorage.findTypeMetadata(schema, name);
    if (type && !list.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)) return null;
    for (const m of list) {
      if (m.groups?.length || m.always || m.context) return null;
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) check.conditions.push(m.constraints[0]);
      else if (m.type === ValidationTypes.CUSTOM_VALIDATION) {
        for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) {
          if (c.async) return null;
          check.constraints.push({
            instance: c.instance as Constraint,
            each: Boolean(m.each),
            args: { targetName: schema.name, property: m.propertyName, constraints: m.constraints },
          });
        }
      } else if (m.type === ValidationTypes.NESTED_VALIDATION) {
        if (type?.options?.discriminator) return null;
        const target = type ? (type.typeFunction() as Schema) : null;
        if (target && [String, Number, Boolean, Date, Array, Map, Set, Object].includes(target as never)) return null;
        if (target && !compile(target)) return null;
        check.nested = target;
      } else return null;
    }
    checks.push(check);
  }
  compiled.set(schema, checks);
  return checks;
}

/** True when the plain payload certainly conforms to the schema; false when it may not (ask class-validator). */
export function payloadSurelyConforms(schema: Schema, payload: unknown): boolean {
  const checks = compile(schema);
  return checks !== null && conforms(checks, payload);
}

function conforms(checks: PropertyCheck[], object: unknown): boolean {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return false;
  for (const p of checks) {
    const value = (object as Record<string, unknown>)[p.name];
    let skip = false;
    for (const condition of p.conditions) if (!condition(object, value)) skip = true;
    if (skip) continue;
    for (const c of p.constraints) {
      // Built field by field: spreading c.args here made the whole check about 100 times slower.
      const args: ValidationArguments = { targetName: c.args.targetName, property: c.args.property, constraints: c.args.constraints, object, value };
      if (c.each && Array.isArray(value)) {
        for (const v of value) if (!isTrue(c.instance.validate(v, args))) return false;
      } else if (!isTrue(c.instance.validate(value, args))) return false;
    }
    if (p.nested !== undefined && value !== undefined && !nestedConforms(p.nested, value)) return false;
  }
  return true;
}

function nestedConforms(schema: Schema | null, value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => nestedConforms(schema, v));
  if (typeof value !== 'object' || value === null) return false;
  return schema === null || conforms(compiled.get(schema)!, value);
}

/** A constraint's verdict: only a plain true-ish, synchronous answer counts as passing. */
function isTrue(result: unknown): boolean {
  return Boolean(result) && !(result instanceof Promise);
}
