/**
 * The SQL condition that keeps a feed reader behind every transaction still in flight: a row is served only when
 * every transaction older than the oldest running one has finished, so feed positions are handed out gap-free and a
 * cursor never skips a row that commits later with a smaller position.
 */
export const SETTLED_ROWS = `txid < pg_snapshot_xmin(pg_current_snapshot())`;
