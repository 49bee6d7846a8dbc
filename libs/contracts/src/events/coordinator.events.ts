import type { EventEnvelope } from '../envelope';
import { TOPICS } from '../topics';

/** The languages a coordinator can read mail in. */
export type CoordinatorLanguage = 'zh-CN' | 'en';
export const COORDINATOR_LANGUAGES: readonly CoordinatorLanguage[] = ['zh-CN', 'en'];

/** A person who answers a university's proposals and hears of them by email. */
export interface CoordinatorV1 {
  email: string;
  name: string;
  language: CoordinatorLanguage;
}

/** A university's coordinators after a change (the whole list): consumers keep the highest revision. */
export interface UniversityCoordinatorsV1 {
  universityId: string;
  /** Empty when the university has none. */
  coordinators: CoordinatorV1[];
  revision: number;
}

export const COORDINATOR_EVENTS = {
  set: 'coordinators.set',
} as const;

export type CoordinatorsSetV1 = EventEnvelope<typeof COORDINATOR_EVENTS.set, UniversityCoordinatorsV1>;
export type CoordinatorEventV1 = CoordinatorsSetV1;

export const COORDINATOR_TOPIC = TOPICS.coordinators;
