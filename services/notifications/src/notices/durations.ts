/** Seconds per unit of a duration setting such as `48h` or `90s`. */
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Parses `48h,24h` (units s, m, h, d) into seconds, largest first; throws naming the bad part. */
export function parseDurations(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const seconds = parts.map((p) => {
    const m = /^(\d{1,7})([smhd])$/.exec(p);
    if (!m || Number(m[1]) === 0) throw new Error(`${p} is not a duration like 48h, 30m or 90s`);
    return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
  });
  if (new Set(seconds).size !== seconds.length) throw new Error(`${text} names the same time twice`);
  return seconds.sort((a, b) => b - a);
}

/** The shortest spelling of a number of seconds (`172800` -> `48h`): the reminder step in causes and mails. */
export function durationLabel(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
