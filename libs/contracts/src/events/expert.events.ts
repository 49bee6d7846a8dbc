import type { EventEnvelope } from '../envelope';
import type { ExpertKind, GeoPoint } from '../matching/matching-instance.v1';
import { TOPICS } from '../topics';

/** The full state of a teacher or student after a change: consumers keep the highest revision. */
export interface ExpertSnapshotV1 {
  expertId: string;
  externalKey: string;
  kind: ExpertKind;
  name: string;
  /** The English name, when one was registered (mails to English readers use it). */
  nameEn?: string;
  universityId: string;
  collegeId: string;
  /** 1-3 discipline slugs; the first is primary. */
  disciplines: string[];
  /** Projects the expert can serve in a round. */
  capacity: number;
  /** False while the expert cannot take part in rounds. */
  available: boolean;
  /** Ranked project ids, most wanted first. */
  preferences: string[];
  location: GeoPoint;
  revision: number;
}

export const EXPERT_EVENTS = {
  registered: 'expert.registered',
  updated: 'expert.updated',
  availabilityChanged: 'expert.availability-changed',
} as const;

export type ExpertRegisteredV1 = EventEnvelope<typeof EXPERT_EVENTS.registered, ExpertSnapshotV1>;
export type ExpertUpdatedV1 = EventEnvelope<typeof EXPERT_EVENTS.updated, ExpertSnapshotV1>;
export type ExpertAvailabilityChangedV1 = EventEnvelope<typeof EXPERT_EVENTS.availabilityChanged, ExpertSnapshotV1>;
export type ExpertEventV1 = ExpertRegisteredV1 | ExpertUpdatedV1 | ExpertAvailabilityChangedV1;

export const EXPERT_TOPIC = TOPICS.experts;
