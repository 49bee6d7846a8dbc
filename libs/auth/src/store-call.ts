import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';

/** Keeps Redis keys short and free of odd characters; a readable value stays readable. */
export function keyPart(value: string): string {
  return /^[\w@.:-]{1,100}$/.test(value) ? value : createHash('sha256').update(value).digest('hex').slice(0, 32);
}

/** A store call in flight: when it is given up on, and how. */
interface Deadline {
  at: number;
  giveUp: () => void;
}

// One timer for every store call in flight (two per request: the rate limit and the revocation check), armed for the
// earliest deadline, rather than a timer set and cleared per call.
const inFlight = new Set<Deadline>();
let timer: NodeJS.Timeout | undefined;
let timerAt = Infinity;

/** Makes sure the timer fires by `at` (the deadline of a call just added, or the earliest one left). */
function armBy(at: number): void {
  if (timer && timerAt <= at) return;
  clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(sweep, Math.max(1, at - performance.now()));
  // The calls themselves keep the process alive while they wait; this timer need not.
  timer.unref();
}

function sweep(): void {
  timer = undefined;
  timerAt = Infinity;
  const now = performance.now();
  let earliest = Infinity;
  for (const d of inFlight) {
    if (d.at <= now) {
      inFlight.delete(d);
      d.giveUp();
    } else earliest = Math.min(earliest, d.at);
  }
  if (earliest < Infinity) armBy(earliest);
}

/** `call`'s answer, or a rejection once `timeoutMs` has passed without one. */
export function withinTimeout<T>(call: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline: Deadline = { at: performance.now() + timeoutMs, giveUp: () => reject(new Error(`no answer within ${timeoutMs} ms`)) };
    inFlight.add(deadline);
    armBy(deadline.at);
    call.then(
      (value) => {
        inFlight.delete(deadline);
        resolve(value);
      },
      (e: unknown) => {
        inFlight.delete(deadline);
        reject(e as Error);
      },
    );
  });
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
