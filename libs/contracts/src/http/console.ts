// The console's own API: what its backend-for-frontend (services/console/src) composes from the services' answers for
// its web code. Here, beside the answers it is built from, because this lib is the one place both sides resolve: the
// BFF through `@civic/contracts`, the web bundle types-only through `@civic/contracts/*` (it must not import Nest code).
import type { GeoPoint } from '../matching/matching-instance.v1';
import type { AssignmentSnapshotV1, DeclineReason } from '../events/assignment.events';
import type { DraftAssignmentV1, RoundFiguresV1 } from '../events/round.events';
import type { DeadLetterView } from './dead-letter';
import type { ExpertView } from './expert-view';
import type { Preflight } from './preflight';
import type { ProjectView } from './project-view';
import type { RoundReport } from './round-report';

/** A catalogue entry by its id, with its names in both languages. */
export interface CatalogueEntry {
  id: string;
  zh: string;
  en: string;
}

/** GET /api/catalogue: the names the pages show (districts with where to label them on the map). */
export interface ConsoleCatalogue {
  districts: (CatalogueEntry & { centroid: GeoPoint })[];
  universities: CatalogueEntry[];
  disciplines: CatalogueEntry[];
  issueTypes: CatalogueEntry[];
  communityTypes: CatalogueEntry[];
  declineReasons: readonly DeclineReason[];
}

/** A project by name, for pages that name the projects a service's answer gives by id. */
export type ProjectName = Pick<ProjectView, 'projectId' | 'name' | 'nameEn'>;

/** A project on the report's map: its name, district and location (flattened). */
export type ProjectPlace = ProjectName & Pick<ProjectView, 'districtId'> & GeoPoint;

/** GET /api/rounds/{id}/report: reporting's report and, for its map, every project's name, district and location. */
export interface ReportAnswer {
  report: RoundReport;
  projects: ProjectPlace[];
}

/** POST /api/rounds/preflight: matching's preflight and the names of the projects it lists. */
export interface PreflightAnswer {
  preflight: Preflight;
  projects: ProjectName[];
}

/** GET /api/rounds/{id}/draft: a draft to review, and the projects of its scope (any may be the target of a pin or move). */
export interface DraftForReview {
  roundId: string;
  status: string;
  revision: number;
  figures: RoundFiguresV1 | null;
  /** Matching's GET /rounds/{id}/draft, with placedBy. */
  assignments: DraftAssignmentV1[];
  projects: ProjectName[];
}

/** GET /api/rounds/{id}/withdrawal: what withdrawing a published round would take back (the confirmation says it first). */
export interface WithdrawalPreview {
  /** Proposals still awaiting an answer: always withdrawn. */
  proposed: number;
  /** Accepted assignments: they stay, unless the administrator asks to withdraw them too. */
  accepted: number;
  /** Each university with a proposal or an accepted assignment in the round (its coordinators get one mail if any of theirs is withdrawn). */
  universities: { universityId: string; proposed: number; accepted: number }[];
}

/** GET /api/universities/{id}/proposals: every assignment of a university, with its projects' and experts' names. */
export interface UniversityProposals {
  universityId: string;
  /** When the BFF composed the answer. */
  now: string;
  assignments: AssignmentSnapshotV1[];
  projects: Array<ProjectName & Pick<ProjectView, 'districtId'>>;
  experts: Pick<ExpertView, 'expertId' | 'name' | 'nameEn'>[];
}

/** One service's dead letter, with the service it belongs to. */
export interface ServiceDeadLetter extends DeadLetterView {
  service: string;
}

/** GET /api/dead-letters: every service's dead letters in one list; a service that does not answer is named unreachable. */
export interface DeadLetterList {
  services: { service: string; reachable: boolean }[];
  deadLetters: ServiceDeadLetter[];
}
