import { randomBytes } from 'node:crypto';

/** A short id unique to one test run: it prefixes topics, consumer groups and database names. */
export function uniqueRunId(label = 't'): string {
  return `${label}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
