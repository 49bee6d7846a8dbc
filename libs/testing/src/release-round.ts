/**
 * Ends a round's open proposals and accepted assignments as expired (and already re-matched), directly in
 * matching's database, so that the next real round of a benchmark or a fault test finds the season free again: a
 * real round takes what other rounds hold as given. For test and benchmark harnesses only: no event is published.
 */
export const RELEASE_ROUND_SQL = `UPDATE assignment SET status = 'expired', decided_at = now(), rematched_at = now(), revision = revision + 1
  WHERE round_id = $1 AND status IN ('proposed', 'accepted')`;
