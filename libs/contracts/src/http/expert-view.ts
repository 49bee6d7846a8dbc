import type { ExpertSnapshotV1 } from '../events/expert.events';

/** When an expert can work on a project (informational; the engine does not use it). */
export type Availability = 'weekdays' | 'evenings' | 'weekends' | 'flexible';
export const AVAILABILITIES: readonly Availability[] = ['weekdays', 'evenings', 'weekends', 'flexible'];

/**
 * A teacher or student as expert-pool's HTTP API answers it (GET /experts, /experts/{id}, and what a write returns):
 * the event snapshot plus the pool's own details.
 */
export interface ExpertView extends Omit<ExpertSnapshotV1, 'nameEn'> {
  /** The English name; null when none was registered (the snapshot leaves it out instead). */
  nameEn: string | null;
  /** Null when not said. */
  availability: Availability | null;
  createdAt: string;
  updatedAt: string;
}
