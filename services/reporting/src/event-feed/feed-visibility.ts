/**
 * The transactions that may still commit feed rows this read cannot see yet: those in progress at the statement's
 * snapshot, less the ones known to be running in another database of the server (pg_stat_activity, prepared
 * transactions). A transaction that ended between the snapshot and that look is kept: holding a row back for one
 * more read is safe, skipping it is not.
 */
const OWN_PENDING = `
  SELECT x FROM pg_snapshot_xip(pg_current_snapshot()) AS x
  WHERE x::xid NOT IN (
      SELECT a.backend_xid FROM pg_stat_activity a
      WHERE a.backend_xid IS NOT NULL AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))
    AND x::xid NOT IN (SELECT p.transaction FROM pg_prepared_xacts p WHERE p.database <> current_database())`;

/**
 * The SQL condition that keeps a feed reader behind every transaction of this database still in flight: a row is
 * served only when every transaction older than the oldest such one has finished, so feed positions are handed out
 * gap-free and a cursor never skips a row that commits later with a smaller position. Only this database's writers
 * count: the server-wide snapshot xmin would let an open transaction in any other database (another service's,
 * another tenant's) hold the feed back for as long as it stays open.
 */
export const SETTLED_ROWS = `txid < coalesce((SELECT min(x) FROM (${OWN_PENDING}) AS own), pg_snapshot_xmax(pg_current_snapshot()))`;
