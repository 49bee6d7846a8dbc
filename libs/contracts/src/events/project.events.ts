import type { EventEnvelope } from '../envelope';
import type { GeoPoint, SlotRange, ExpertKind } from '../matching/matching-instance.v1';
import { TOPICS } from '../topics';

export type ProjectStatus = 'active' | 'withdrawn';

/** The full state of a project after a change (event-carried state transfer): consumers keep the highest revision. */
export interface ProjectSnapshotV1 {
  projectId: string;
  externalKey: string;
  name: string;
  /** The English name, when one was registered (mails to English readers use it). */
  nameEn?: string;
  districtId: string;
  streetCode: string;
  communityType: string;
  /** 1-3 issue type slugs; the first is primary. */
  issueTypes: string[];
  wantedDisciplines: string[];
  slots: Record<ExpertKind, SlotRange>;
  location: GeoPoint;
  status: ProjectStatus;
  /** Increases by one with every change to this project. */
  revision: number;
}

export const PROJECT_EVENTS = {
  registered: 'project.registered',
  updated: 'project.updated',
  withdrawn: 'project.withdrawn',
} as const;

export type ProjectRegisteredV1 = EventEnvelope<typeof PROJECT_EVENTS.registered, ProjectSnapshotV1>;
export type ProjectUpdatedV1 = EventEnvelope<typeof PROJECT_EVENTS.updated, ProjectSnapshotV1>;
export type ProjectWithdrawnV1 = EventEnvelope<typeof PROJECT_EVENTS.withdrawn, ProjectSnapshotV1>;
export type ProjectEventV1 = ProjectRegisteredV1 | ProjectUpdatedV1 | ProjectWithdrawnV1;

export const PROJECT_TOPIC = TOPICS.projects;
