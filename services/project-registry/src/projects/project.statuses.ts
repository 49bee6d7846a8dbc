import type { ProjectStatus } from '@civic/contracts';

/** Every project status: active projects take part in rounds, withdrawn ones no longer do. */
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['active', 'withdrawn'];
