import { Counter, Histogram } from 'prom-client';

/** Round and assignment metrics, served by /metrics with the platform's and the messaging lib's. */
export const roundsFinished = new Counter({
  name: 'matching_rounds_finished_total',
  help: 'Rounds that ended, by strategy, outcome (completed, failed) and whether they were dry runs',
  labelNames: ['strategy', 'status', 'dry_run'] as const,
});

export const roundPhaseDuration = new Histogram({
  name: 'matching_round_phase_duration_seconds',
  help: 'Time rounds spend in each phase (snapshot, scoring, solving, storing, publishing) and in total',
  labelNames: ['phase'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

export const assignmentDecisions = new Counter({
  name: 'matching_assignment_decisions_total',
  help: 'Proposals answered or expired, by the resulting status (accepted, declined, expired)',
  labelNames: ['status'] as const,
});

export const rematches = new Counter({
  name: 'matching_rematches_total',
  help: 'Re-matches run, and the freed slots and new proposals they handled',
  labelNames: ['what'] as const,
});
