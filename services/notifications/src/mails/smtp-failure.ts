/** How an SMTP attempt failed: the server refused the mail for good (5xx), or it may work later (down, 4xx, timeout). */
export type SmtpFailure = { permanent: true; response: string } | { permanent: false; reason: string };

/** Tells a permanent refusal (a 5xx reply: the same mail will never be accepted) from a passing trouble. */
export function classifySmtpFailure(e: unknown): SmtpFailure {
  const err = e as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof err?.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600) {
    return { permanent: true, response: err.response ?? `${err.responseCode} ${err.message ?? ''}`.trim() };
  }
  const reason = err?.response ?? [err?.code, err?.message].filter(Boolean).join(' ');
  return { permanent: false, reason: reason || String(e) };
}

/** The wait before the next attempt: base doubled per failed attempt, at most max. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}
