/**
 * Checks docs/asyncapi.yaml against the real event contracts in libs/contracts: every EVENT_CATALOG entry has a
 * message on the channel of its topic with the same version (and nothing else is documented), and every message's
 * payload schema has exactly the fields, optionality and types of the TypeScript payload interface the producers
 * and consumers compile against. The interfaces are read with the TypeScript compiler, so the check follows the code:
 * it compares a type's resolved properties, so a contract derived with `extends` or `Pick` is checked like a plain one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import * as ts from 'typescript';

type Schema = Record<string, any>;

export interface AsyncApiDocument {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, Schema> }>;
  operations: Record<string, { action: string; channel: Schema; messages?: Schema[] }>;
  components: { messages: Record<string, Schema>; schemas: Record<string, Schema> };
}

/** A catalog entry as libs/contracts declares it. */
export interface CatalogEntry {
  type: string;
  topic: string;
  version: number;
}

export const REPO_ROOT = resolve(__dirname, '..', '..');

export function loadAsyncApi(path = resolve(REPO_ROOT, 'docs/asyncapi.yaml')): AsyncApiDocument {
  return load(readFileSync(path, 'utf8')) as AsyncApiDocument;
}

/** Follows a local `$ref` ('#/components/...'). */
export function deref(doc: AsyncApiDocument, node: Schema): Schema {
  let n = node;
  for (let i = 0; n && typeof n.$ref === 'string'; i++) {
    if (i > 20) throw new Error(`$ref loop at ${node.$ref}`);
    const path = (n.$ref as string).replace(/^#\//, '').split('/');
    n = path.reduce<any>((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    if (n === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  }
  return n;
}

/** What a message declares about its event: the name, the `type` and `version` constants and the payload schema. */
export function describeMessage(doc: AsyncApiDocument, message: Schema): { name: string; typeConst: unknown; versionConst: unknown; payload: Schema | undefined } {
  const m = deref(doc, message);
  const parts: Schema[] = m.payload?.allOf ?? [m.payload];
  const props = Object.assign({}, ...parts.map((p) => deref(doc, p)?.properties ?? {}));
  const own = parts.map((p) => (p.$ref ? undefined : p)).find((p) => p?.properties?.type);
  return {
    name: m.name,
    typeConst: own?.properties?.type?.const,
    versionConst: own?.properties?.version?.const,
    payload: own?.properties?.payload ?? props.payload,
  };
}

/** Differences between the document's channels, messages and operations and the catalog (empty when they agree). */
export function catalogProblems(doc: AsyncApiDocument, catalog: readonly CatalogEntry[], topics: readonly string[]): string[] {
  const problems: string[] = [];
  if (doc.asyncapi !== '3.0.0') problems.push(`asyncapi is ${doc.asyncapi}, expected 3.0.0`);
  const documented = new Map<string, { channel: string; address: string; version: unknown }>();
  for (const [key, channel] of Object.entries(doc.channels ?? {})) {
    if (!topics.includes(channel.address)) problems.push(`channel ${key} has address ${channel.address}, which is not a topic in TOPICS`);
    for (const [mKey, message] of Object.entries(channel.messages ?? {})) {
      const m = describeMessage(doc, message);
      if (m.typeConst !== m.name) problems.push(`message ${key}.${mKey}: name ${m.name} but payload type const ${String(m.typeConst)}`);
      if (documented.has(m.name)) problems.push(`event type ${m.name} is documented twice (${documented.get(m.name)!.channel} and ${key})`);
      documented.set(m.name, { channel: key, address: channel.address, version: m.versionConst });
      if (!catalog.some((e) => e.type === m.name)) problems.push(`message ${m.name} on ${channel.address} is not in EVENT_CATALOG`);
    }
    const ops = Object.values(doc.operations ?? {}).filter((o) => deref(doc, o.channel) === channel && o.action === 'send');
    if (ops.length === 0) problems.push(`channel ${key} has no send operation`);
    const sent = new Set(ops.flatMap((o) => (o.messages ?? []).map((r) => deref(doc, r))));
    for (const [mKey, message] of Object.entries(channel.messages ?? {})) {
      if (!sent.has(deref(doc, message))) problems.push(`message ${key}.${mKey} is not listed by a send operation of its channel`);
    }
  }
  for (const t of topics) {
    const n = Object.values(doc.channels ?? {}).filter((c) => c.address === t).length;
    if (n !== 1) problems.push(`topic ${t} has ${n} channels, expected 1`);
  }
  for (const e of catalog) {
    const d = documented.get(e.type);
    if (!d) problems.push(`EVENT_CATALOG type ${e.type} (${e.topic}) has no message in the document`);
    else {
      if (d.address !== e.topic) problems.push(`${e.type} is documented on ${d.address}, but EVENT_CATALOG publishes it on ${e.topic}`);
      if (d.version !== e.version) problems.push(`${e.type} is documented as version ${String(d.version)}, but EVENT_CATALOG says ${e.version}`);
    }
  }
  return problems;
}

/** The TypeScript side: the contracts program, its checker, and per event type the payload type producers use. */
export function contractTypes(indexFile = resolve(REPO_ROOT, 'libs/contracts/src/index.ts')): {
  checker: ts.TypeChecker;
  envelope: ts.Type;
  payloadOf: Map<string, ts.Type>;
} {
  const program = ts.createProgram([indexFile], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexFile)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  const payloadOf = new Map<string, ts.Type>();
  let envelope: ts.Type | undefined;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (!decl) continue;
    if (ts.isInterfaceDeclaration(decl) && symbol.name === 'EventEnvelope') envelope = checker.getDeclaredTypeOfSymbol(symbol);
    if (!ts.isTypeAliasDeclaration(decl)) continue;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    if (type.isUnion()) continue;
    const typeProp = type.getProperty('type');
    const payloadProp = type.getProperty('payload');
    if (!typeProp || !payloadProp || !type.getProperty('version') || !type.getProperty('key')) continue;
    const literal = checker.getTypeOfSymbol(typeProp);
    if (!literal.isStringLiteral()) continue;
    payloadOf.set(literal.value, checker.getTypeOfSymbol(payloadProp));
  }
  if (!envelope) throw new Error('libs/contracts exports no EventEnvelope interface');
  return { checker, envelope, payloadOf };
}

/** Differences between the documented payload schemas and the TypeScript payload types (empty when they agree). */
export function schemaProblems(doc: AsyncApiDocument, catalog: readonly CatalogEntry[]): string[] {
  const { checker, envelope, payloadOf } = contractTypes();
  const problems: string[] = [];
  const compared = new Set<string>();

  const compare = (t: ts.Type, node: Schema, at: string): void => {
    const schema = deref(doc, node);
    const key = `${(t as { id?: number }).id}|${node.$ref ?? at}`;
    if (compared.has(key)) return;
    compared.add(key);
    // A type parameter is as wide as its constraint (the envelope's TType is a string, its TPayload anything).
    if (t.flags & ts.TypeFlags.TypeParameter) {
      const constraint = checker.getBaseConstraintOfType(t);
      if (!constraint || constraint === t) return;
      t = constraint;
    }
    if (t.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return;

    const members = t.isUnion() ? t.types : [t];
    const nullable = members.some((m) => m.flags & ts.TypeFlags.Null);
    const rest = members.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (nullable !== types.includes('null')) problems.push(`${at}: TypeScript ${nullable ? 'allows' : 'does not allow'} null, the schema ${types.includes('null') ? 'does' : 'does not'}`);
    const kinds = types.filter((k) => k !== 'null');

    // Unions of string literals (and booleans, which TypeScript holds as true | false) are enums.
    if (rest.length > 0 && rest.every((m) => m.isStringLiteral())) {
      const literals = rest.map((m) => (m as ts.StringLiteralType).value).sort();
      const documented = ((schema.enum ?? (schema.const !== undefined ? [schema.const] : [])) as unknown[]).filter((v) => v !== null).map(String).sort();
      if (JSON.stringify(literals) !== JSON.stringify(documented)) problems.push(`${at}: TypeScript allows [${literals.join(', ')}], the schema enum is [${documented.join(', ')}]`);
      if (kinds[0] !== 'string') problems.push(`${at}: expected type string, the schema says ${kinds.join('|') || 'nothing'}`);
      return;
    }
    if (rest.length > 0 && rest.every((m) => m.flags & ts.TypeFlags.BooleanLiteral)) {
      if (kinds[0] !== 'boolean') problems.push(`${at}: expected type boolean, the schema says ${kinds.join('|') || 'nothing'}`);
      return;
    }
    if (rest.length !== 1) {
      problems.push(`${at}: cannot compare the TypeScript union ${checker.typeToString(t)}`);
      return;
    }
    const u = rest[0];
    const expect = (wanted: string[]) => {
      if (!kinds.length || !kinds.every((k) => wanted.includes(k))) problems.push(`${at}: TypeScript ${checker.typeToString(u)}, the schema type is ${kinds.join('|') || 'missing'}`);
    };
    if (u.flags & ts.TypeFlags.String) return expect(['string']);
    if (u.flags & ts.TypeFlags.Number) return expect(['number', 'integer']);
    if (u.flags & ts.TypeFlags.Boolean) return expect(['boolean']);
    if (checker.isArrayType(u)) {
      expect(['array']);
      if (!schema.items) problems.push(`${at}: array without items`);
      else compare(checker.getTypeArguments(u as ts.TypeReference)[0], schema.items, `${at}[]`);
      return;
    }
    if (u.flags & ts.TypeFlags.Object) {
      expect(['object']);
      const props = checker.getPropertiesOfType(u);
      const index = checker.getIndexInfoOfType(u, ts.IndexKind.String);
      if (index && props.length === 0) {
        if (typeof schema.additionalProperties !== 'object') problems.push(`${at}: TypeScript is a string-keyed map, the schema has no additionalProperties schema`);
        else compare(index.type, schema.additionalProperties, `${at}{}`);
        return;
      }
      const names = props.map((p) => p.name).sort();
      const documented = Object.keys(schema.properties ?? {}).sort();
      for (const n of names) if (!documented.includes(n)) problems.push(`${at}: field ${n} is in TypeScript but not in the schema`);
      for (const n of documented) if (!names.includes(n)) problems.push(`${at}: field ${n} is in the schema but not in TypeScript`);
      const required = props.filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name).sort();
      const documentedRequired = [...((schema.required as string[]) ?? [])].sort();
      if (JSON.stringify(required) !== JSON.stringify(documentedRequired)) {
        problems.push(`${at}: required fields are [${required.join(', ')}] in TypeScript, [${documentedRequired.join(', ')}] in the schema`);
      }
      for (const p of props) {
        if (schema.properties?.[p.name]) compare(checker.getTypeOfSymbol(p), schema.properties[p.name], `${at}.${p.name}`);
      }
      return;
    }
    problems.push(`${at}: cannot compare TypeScript ${checker.typeToString(u)}`);
  };

  // The envelope: same fields and required fields (its payload is typed per message below).
  const envSchema = doc.components?.schemas?.EventEnvelope;
  if (!envSchema) problems.push('components.schemas.EventEnvelope is missing');
  else compare(envelope, { $ref: '#/components/schemas/EventEnvelope' }, 'EventEnvelope');

  const messages = new Map<string, Schema>();
  for (const channel of Object.values(doc.channels ?? {})) {
    for (const message of Object.values(channel.messages ?? {})) messages.set(deref(doc, message).name, message);
  }
  for (const e of catalog) {
    const payloadType = payloadOf.get(e.type);
    if (!payloadType) {
      problems.push(`libs/contracts exports no EventEnvelope<'${e.type}', Payload> type for ${e.type}`);
      continue;
    }
    const message = messages.get(e.type);
    if (!message) continue; // reported by catalogProblems
    const { payload } = describeMessage(doc, message);
    if (!payload) problems.push(`${e.type}: the message has no payload schema`);
    else compare(payloadType, payload, `${e.type}.payload`);
  }
  return problems;
}
