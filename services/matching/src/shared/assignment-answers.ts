import { JsonAnswerCache } from '@civic/platform';

/** The assignment lists as served (coordinators' pages, a round's list): each read again only after an assignment changed. */
export const ASSIGNMENT_ANSWERS = Symbol('ASSIGNMENT_ANSWERS');

/** Up to 256 lists (ten universities' pages and filters, a few rounds). */
export const assignmentAnswersProvider = JsonAnswerCache.provider(ASSIGNMENT_ANSWERS, 'assignment_changes', ['assignment'], 256);
