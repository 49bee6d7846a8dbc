import { plainFetch } from '@civic/testing';

/** One operation of a service's OpenAPI document. */
export interface OpenApiOperation {
  method: string;
  path: string;
  /** The `x-civic-access` extension: who may call it. */
  access: { public?: boolean; roles?: string[]; coordinatorScope?: Record<string, string> };
  security?: Array<Record<string, unknown>>;
  parameters: OpenApiParameter[];
  /** The JSON request body schema, when the operation takes one. */
  requestBody?: SchemaObject;
  /** The request body media types the operation declares. */
  consumes: string[];
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

/** The subset of JSON Schema the documents use. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  example?: unknown;
  default?: unknown;
}

const documents = new Map<string, Promise<any>>();

/** The service's OpenAPI document (served without a token outside production). */
export function openApiDocument(baseUrl: string): Promise<any> {
  let doc = documents.get(baseUrl);
  if (!doc) {
    doc = plainFetch(`${baseUrl}/docs/openapi.json`).then((r) => {
      if (r.status !== 200) throw new Error(`${baseUrl}/docs/openapi.json answered ${r.status}`);
      return r.json();
    });
    documents.set(baseUrl, doc);
  }
  return doc;
}

/** Replaces `$ref`s (and merges `allOf`) so a schema can be read without its document. */
export function resolveSchema(doc: any, schema: SchemaObject | undefined, depth = 0): SchemaObject | undefined {
  if (!schema || depth > 12) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name], depth + 1);
  }
  const out: SchemaObject = { ...schema };
  if (schema.allOf) {
    for (const part of schema.allOf.map((s) => resolveSchema(doc, s, depth + 1))) {
      out.properties = { ...(out.properties ?? {}), ...(part?.properties ?? {}) };
      out.required = [...(out.required ?? []), ...(part?.required ?? [])];
      out.type ??= part?.type;
    }
    delete out.allOf;
  }
  if (out.properties) out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)!]));
  if (out.items) out.items = resolveSchema(doc, out.items, depth + 1);
  return out;
}

/** Every operation of the service's document, with its parameters and JSON body schema resolved. */
export async function openApiOperations(baseUrl: string): Promise<OpenApiOperation[]> {
  const doc = await openApiDocument(baseUrl);
  const out: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase(),
        path,
        access: op['x-civic-access'] ?? {},
        security: op.security,
        parameters: (op.parameters ?? []).map((p: OpenApiParameter) => ({ ...p, schema: resolveSchema(doc, p.schema) })),
        requestBody: resolveSchema(doc, content['application/json']?.schema),
        consumes: Object.keys(content),
      });
    }
  }
  return out;
}
