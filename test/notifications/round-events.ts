import { randomUUID } from 'node:crypto';
import { ROUND_EVENTS, RoundCompletedPayloadV1, RoundCompletedV1, TOPICS } from '@civic/contracts';
import { createEnvelope } from '@civic/messaging';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

/** A real round's round.completed as matching publishes it (figures made up, no proposals): it mails the administrators. */
export function roundCompleted(roundId = randomUUID(), proposals = 0): RoundCompletedV1 {
  const payload: RoundCompletedPayloadV1 = {
    roundId,
    scope: { key: 'city', districtIds: null },
    strategy: 'optimal',
    options: { maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: null, responseWindowSeconds: 3600 },
    dryRun: false,
    objective: { coverage: 0, weight: 0 },
    figures: {
      projects: 0,
      experts: 0,
      eligiblePairs: 0,
      requiredSlots: 0,
      coveredSlots: 0,
      coverageRatio: 1,
      weight: 0,
      assignments: { total: proposals, proposed: proposals, accepted: 0, declined: 0, expired: 0 },
      underfilledSlots: 0,
      unassignedExperts: 0,
    },
    projects: [],
    expertGroups: [],
    underfilled: [],
    timings: { snapshotMs: 1, scoringMs: 1, solvingMs: 1, storingMs: 1, totalMs: 4 },
    completedAt: new Date().toISOString(),
    revision: 2,
  };
  return createEnvelope('matching', { type: ROUND_EVENTS.completed, key: roundId, payload });
}

/** Publishes envelopes on the rounds topic of a run (its topic prefix), in order, as matching's relay would. */
export async function publishRoundEvents(brokers: string, topicPrefix: string, events: readonly RoundCompletedV1[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'notifications-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const e of events) {
      await producer.send({ topic: `${topicPrefix}${TOPICS.rounds}`, acks: -1, messages: [{ key: e.key, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } }] });
    }
  } finally {
    await producer.disconnect();
  }
}
