import { JsonResponse, requestJson } from '@civic/testing';

/**
 * A JSON request; the harness sends it as an administrator to the services it started (libs/testing's token
 * helper). A refused connection or reset is a status 0 instead of an exception (the service is down).
 */
export async function tryApi<T = any>(
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<JsonResponse<T> | { status: 0; body: undefined; error: string }> {
  try {
    return await requestJson<T>(method, url, body, headers);
  } catch (e) {
    return { status: 0, body: undefined, error: (e as Error).message };
  }
}
