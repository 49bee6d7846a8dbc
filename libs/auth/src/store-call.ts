import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';

/** Keeps Redis keys short and free of odd characters; a readable value stays readable. */
export function keyPart(value: string): string {
  return /^[\w@.:-]{1,100}$/.test(value) ? value : createHash('sha256').update(value).digest('hex').slice(0, 32);
}

/** `call`'s answer, or a rejection once `timeoutMs` has passed without one. */
export async function withinTimeout<T>(call: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A logger that says the same kind of thing at most once a minute (a store outage would say it per request). */
export class ThrottledWarning {
  private last = 0;

  constructor(private readonly logger: Logger) {}

  warn(message: string): void {
    const now = Date.now();
    if (now - this.last < 60_000) return;
    this.last = now;
    this.logger.warn(message);
  }
}
