/**
 * Kafka topics, one per aggregate stream, named `civic.<owner>.<aggregate>.v<major>`.
 * Each service prefixes them with KAFKA_TOPIC_PREFIX (empty in production, unique per test run).
 */
export const TOPICS = {
  projects: 'civic.registry.project.v1',
  experts: 'civic.experts.expert.v1',
  /** Each university's coordinators (who hears of its proposals), keyed by university id. */
  coordinators: 'civic.experts.coordinators.v1',
  /** Matching rounds, keyed by round id. */
  rounds: 'civic.matching.round.v1',
  /** Assignments (proposals and their answers), keyed by assignment id. */
  assignments: 'civic.matching.assignment.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const ALL_TOPICS: readonly TopicName[] = Object.values(TOPICS);
