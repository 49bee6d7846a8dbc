export * from './envelope';
export * from './topics';
export * from './events/project.events';
export * from './events/expert.events';
export * from './events/round.events';
export * from './events/assignment.events';
export * from './events/event-catalog';
export * from './matching/matching-instance.v1';
