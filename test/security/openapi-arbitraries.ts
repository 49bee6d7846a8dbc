/**
 * fast-check arbitraries of request bodies, query strings and path parameters, made from a service's OpenAPI
 * schemas: valid values (examples, enums, numbers and strings in range), boundary values (the limits and one past
 * them, empty strings and arrays) and hostile ones (huge strings, wrong types, deep nesting, prototype-pollution
 * keys, SQL and script fragments, control characters).
 */
import fc from 'fast-check';
import type { OpenApiOperation, SchemaObject } from './openapi';

/** Strings an attacker tries first. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE project; --",
  '1; SELECT pg_sleep(5)--',
  '" OR ""="',
  "fdu' UNION SELECT id, name FROM expert--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0000\uffff',
  '𠮷😀'.repeat(50),
  'NaN',
  '-0',
  '1e309',
  '9223372036854775808',
  '__proto__',
  'constructor',
  'null',
  'true',
  '[]',
  '{}',
  ' ',
  '',
];

/** Keys that reach an object's prototype when a body is merged carelessly. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(200, 5000, 100_000).map((n) => 'A'.repeat(n)),
);

/** A value of the wrong kind, or a hostile one, for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.constantFrom<unknown>('a', 1, null, {}), { maxLength: 5 }),
  fc.constantFrom(40, 100).map((d) => nested(d)),
  fc.dictionary(fc.constantFrom('$gt', '$where', 'toString', 'valueOf', 'length'), fc.constantFrom<unknown>('', 1, null)),
);

/** `arb`'s value with probability `p`, else undefined. */
function maybe<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: Math.round(100 * (1 - p)), arbitrary: fc.constant(undefined) }, { weight: Math.round(100 * p), arbitrary: arb });
}

function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Valid values of a schema: its example, enum, and values inside its ranges. */
function validValue(schema: SchemaObject, depth: number): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.example !== undefined) options.push(fc.constant(schema.example));
  if (schema.enum?.length) options.push(fc.constantFrom(...schema.enum));
  else if (schema.type === 'integer') options.push(fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 }));
  else if (schema.type === 'number') options.push(fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true }));
  else if (schema.type === 'boolean') options.push(fc.boolean());
  else if (schema.type === 'string') {
    if (schema.format === 'uuid') options.push(fc.uuid());
    else if (schema.format === 'date-time') options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
    else options.push(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) }));
  } else if (schema.type === 'array' && schema.items) {
    options.push(fc.array(value(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 6) }));
  } else if (schema.type === 'object' || schema.properties) options.push(objectOf(schema, depth + 1));
  if (options.length === 0) options.push(fc.constantFrom<unknown>('x', 1, true));
  return fc.oneof(...options);
}

/** The limits of a schema and one step past them. */
function boundaryValue(schema: SchemaObject): fc.Arbitrary<unknown> {
  const values: unknown[] = [];
  if (schema.type === 'integer' || schema.type === 'number') {
    for (const limit of [schema.minimum, schema.maximum]) if (limit !== undefined) values.push(limit, limit - 1, limit + 1);
    values.push(0, -1, 0.5);
  } else if (schema.type === 'string') {
    values.push('', ' ');
    if (schema.maxLength !== undefined) values.push('x'.repeat(schema.maxLength), 'x'.repeat(schema.maxLength + 1));
    if (schema.minLength) values.push('x'.repeat(schema.minLength - 1));
    if (schema.format === 'uuid') values.push('00000000-0000-0000-0000-000000000000', 'not-a-uuid');
  } else if (schema.type === 'array') {
    values.push([]);
    if (schema.maxItems !== undefined) values.push(Array.from({ length: schema.maxItems + 1 }, () => (schema.items?.example ?? 'x')));
  } else values.push(null);
  return fc.constantFrom(...values);
}

/** Valid, boundary or hostile values of a schema, mostly valid so requests get past the first check. */
export function value(schema: SchemaObject | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue;
  return fc.oneof({ weight: 5, arbitrary: validValue(schema, depth) }, { weight: 2, arbitrary: boundaryValue(schema) }, { weight: 2, arbitrary: hostileValue });
}

/** An object of a schema: required properties usually there, optional ones sometimes, and now and then a stray key. */
function objectOf(schema: SchemaObject, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const parts = props.map(([name, s]) => maybe(value(s, depth).map((v) => [name, v] as const), required.has(name) ? 0.92 : 0.4));
  const stray = maybe(fc.tuple(fc.constantFrom('role', 'isAdmin', 'universityId', 'id', 'revision', 'status', '$where', 'toString', ...POLLUTION_KEYS), hostileValue), 0.15);
  return fc.tuple(fc.tuple(...parts), stray).map(([entries, extra]) => {
    const out: Record<string, unknown> = {};
    for (const e of entries) if (e) Object.defineProperty(out, e[0], { value: e[1], enumerable: true, writable: true, configurable: true });
    if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** The schema's documented example, built from its properties' examples when it has none of its own. */
export function exampleOf(schema: SchemaObject | undefined): unknown {
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema.properties)) {
      const e = exampleOf(v);
      if (e !== undefined) out[k] = e;
    }
    return out;
  }
  if (schema.type === 'array') {
    const e = exampleOf(schema.items);
    return e === undefined ? undefined : [e];
  }
  return undefined;
}

/** `base` with one field changed (to a valid, boundary or hostile value) or left out; an external key is made fresh. */
function mutated(schema: SchemaObject, base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(schema.properties ?? {});
  const fresh = fc.nat().map((n) => ('externalKey' in base ? { ...base, externalKey: `FZ-${n}` } : base));
  if (!names.length) return fresh;
  return fc.tuple(fresh, fc.constantFrom(...names), fc.nat(3)).chain(([start, name, how]) =>
    how === 0
      ? fc.constant(Object.fromEntries(Object.entries(start).filter(([k]) => k !== name)))
      : how === 1
        ? fc.constant(start)
        : value(schema.properties![name]).map((v) => ({ ...start, [name]: v })),
  );
}

/** A request body as sent on the wire. */
export interface WireBody {
  contentType: string;
  body: string;
}

/** A CSV upload: the documented example, or the example broken in one of the ways files break. */
function csvBody(example: string): fc.Arbitrary<string> {
  const [header, ...rows] = example.split(/\r?\n/).filter(Boolean);
  const mutations: fc.Arbitrary<string>[] = [
    fc.constant(example),
    fc.constant(`${header}\r\n`),
    fc.constant(`\ufeff${example}`),
    fc.constant(`${header.split(',').slice(1).join(',')}\r\n${rows.join('\r\n')}`),
    fc.constant(`${header},extra\r\n${rows.map((r) => `${r},x`).join('\r\n')}`),
    fc.constant(`${header}\r\n"unbalanced,${rows[0] ?? ''}`),
    fc.constant(`${header}\r\n${(rows[0] ?? '').replace(',', ',\u0000')}`),
    hostileString.map((h) => `${header}\r\n${(rows[0] ?? '').replace(/,[^,]*,/, `,"${h.replace(/"/g, '""')}",`)}`),
    fc.constant(''),
  ];
  return fc.oneof(...mutations);
}

/**
 * A request body: mostly `valid` (or the documented example) with one field changed, or a body shaped by the schema,
 * sometimes a hostile JSON value, prototype-polluting keys, or text that is not JSON at all; for endpoints that take
 * text/csv, also CSV files broken in the usual ways.
 */
export function bodyArbitrary(op: OpenApiOperation, valid?: Record<string, unknown>, validCsv?: (example: string) => string): fc.Arbitrary<WireBody> {
  const json = (a: fc.Arbitrary<string>) => a.map((body) => ({ contentType: 'application/json', body }));
  const schema = op.requestBody;
  const example = exampleOf(schema);
  const base = valid ?? (example && typeof example === 'object' && !Array.isArray(example) ? (example as Record<string, unknown>) : {});
  const options: Array<fc.WeightedArbitrary<WireBody>> = [
    { weight: 5, arbitrary: json((schema ? mutated(schema, base) : fc.constant(base)).map((b) => JSON.stringify(b))) },
    { weight: 4, arbitrary: json((schema ? objectOf(schema, 0) : fc.constant({})).map((b) => JSON.stringify(b))) },
    { weight: 1, arbitrary: json(hostileValue.map((v) => JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: json(fc.constantFrom(...POLLUTION_KEYS).map((k) => `{"${k}": {"isAdmin": true, "role": "admin"}, "a": {"${k}": {"polluted": 1}}}`)) },
    { weight: 1, arbitrary: json(fc.constantFrom('{"a":', '{"a": 1,}', 'null', '"string"', '[]', '\u0000', '{"a": "\\ud800"}', `${'['.repeat(5000)}${']'.repeat(5000)}`)) },
  ];
  if (op.consumes.includes('text/csv') && typeof example === 'string') {
    options.push({ weight: 4, arbitrary: csvBody(validCsv ? validCsv(example) : example).map((body) => ({ contentType: 'text/csv', body })) });
  }
  return fc.oneof(...options);
}

/** A query string from the operation's query parameters: each omitted or given a value, sometimes twice, plus stray parameters. */
export function queryArbitrary(op: OpenApiOperation): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const parts = params.map((p) =>
    maybe(
      fc.tuple(value(p.schema), fc.nat(9)).map(([v, n]) => {
        const text = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
        const one = `${encodeURIComponent(p.name)}=${encodeURIComponent(text.slice(0, 4000))}`;
        return n === 0 ? `${one}&${one}` : one;
      }),
      p.required ? 0.95 : 0.3,
    ),
  );
  const stray = maybe(fc.tuple(fc.constantFrom('__proto__[admin]', 'constructor[prototype][x]', 'role', 'limit[]', 'a[b][c][d][e][f]', "x' OR 1=1"), hostileString), 0.12);
  return fc.tuple(fc.tuple(...parts), stray).map(([ps, extra]) => {
    const all = ps.filter((p): p is string => !!p);
    if (extra) all.push(`${encodeURIComponent(extra[0])}=${encodeURIComponent(extra[1].slice(0, 4000))}`);
    return all.length ? `?${all.join('&')}` : '';
  });
}

/** A path with each `{param}` filled: a known id (from `known`), a value of its schema, or a hostile segment. */
export function pathArbitrary(op: OpenApiOperation, known: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const segments = names.map((name) => {
    const schema = op.parameters.find((p) => p.in === 'path' && p.name === name)?.schema;
    const options: fc.Arbitrary<string>[] = [value(schema).map((v) => String(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 2000)), hostileString.map((s) => s.slice(0, 2000))];
    if (known[name]?.length) options.unshift(fc.constantFrom(...known[name]), fc.constantFrom(...known[name]));
    return fc.oneof(...options);
  });
  return fc.tuple(...segments).map((values) => {
    let i = 0;
    return op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(values[i++] || 'x'));
  });
}
