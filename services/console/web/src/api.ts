/** The console's own API (same origin): JSON in and out, the CSRF token on every state-changing call. */

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** An error answer in the services' one shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: string; details?: { field: string; rule: string; message: string }[] } } | undefined,
  ) {
    super(body?.error?.message ?? `HTTP ${status}`);
  }
}

/** Listeners told when an answer says the session has ended (401). */
const onSignedOut = new Set<() => void>();
export function whenSignedOut(fn: () => void): () => void {
  onSignedOut.add(fn);
  return () => onSignedOut.delete(fn);
}

export async function api<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers['content-type'] = contentType;
    payload = contentType === 'application/json' ? JSON.stringify(body) : (body as BodyInit);
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    if (res.status === 401) onSignedOut.forEach((fn) => fn());
    throw new ApiFailure(res.status, parsed);
  }
  return parsed as T;
}
