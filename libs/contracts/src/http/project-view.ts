import type { ProjectSnapshotV1 } from '../events/project.events';

/**
 * A project as project-registry's HTTP API answers it (GET /projects, /projects/{id}, and what a write returns): the
 * event snapshot plus the registry's own details.
 */
export interface ProjectView extends Omit<ProjectSnapshotV1, 'nameEn'> {
  /** The English name; null when none was registered (the snapshot leaves it out instead). */
  nameEn: string | null;
  /** Street codes of the project's partner streets, beside its own `streetCode`. */
  partnerStreetCodes: string[];
  createdAt: string;
  updatedAt: string;
}
