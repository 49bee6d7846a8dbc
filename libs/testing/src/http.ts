import { defaultAuthorization, plainFetch } from './auth';

/** A JSON response: status and parsed body. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Sends a JSON request (body optional) and parses the JSON answer. To a service the harness started it goes as an
 * administrator unless `headers` has an `authorization` of its own; an empty `authorization` sends none.
 */
export async function requestJson<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const given = Object.keys(headers).find((k) => k.toLowerCase() === 'authorization');
  const auth = given === undefined ? await defaultAuthorization(url) : headers[given] || undefined;
  const rest = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== given));
  const res = await plainFetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...rest, ...(auth ? { authorization: auth } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
