import { TOPICS, TopicName } from '../topics';
import { ASSIGNMENT_EVENTS } from './assignment.events';
import { COORDINATOR_EVENTS } from './coordinator.events';
import { EXPERT_EVENTS } from './expert.events';
import { PROJECT_EVENTS } from './project.events';
import { ROUND_EVENTS } from './round.events';

/** Every published event type with its topic and current payload version: the source the AsyncAPI doc is checked against. */
export interface EventTypeInfo {
  type: string;
  topic: TopicName;
  version: number;
}

export const EVENT_CATALOG: readonly EventTypeInfo[] = [
  ...Object.values(PROJECT_EVENTS).map((type) => ({ type, topic: TOPICS.projects, version: 1 })),
  ...Object.values(EXPERT_EVENTS).map((type) => ({ type, topic: TOPICS.experts, version: 1 })),
  ...Object.values(COORDINATOR_EVENTS).map((type) => ({ type, topic: TOPICS.coordinators, version: 1 })),
  ...Object.values(ROUND_EVENTS).map((type) => ({ type, topic: TOPICS.rounds, version: 1 })),
  ...Object.values(ASSIGNMENT_EVENTS).map((type) => ({ type, topic: TOPICS.assignments, version: 1 })),
];

/** The topic an event type is published on. */
export function topicOf(type: string): TopicName {
  const info = EVENT_CATALOG.find((e) => e.type === type);
  if (!info) throw new Error(`unknown event type ${type}`);
  return info.topic;
}
