import type { RoundReport } from '@civic/contracts';
import type { ReportTable } from './export-report.dto';

const PROJECT_GROUP_COLUMNS = ['key', 'projects', 'projectsAtMinimum', 'requiredSlots', 'coveredSlots', 'coverageRatio', 'maxSlots', 'assigned', 'fillRatio', 'accepted'];
const EXPERT_GROUP_COLUMNS = ['key', 'experts', 'capacity', 'proposedEver', 'proposed', 'accepted', 'declined', 'expired', 'fillRatio', 'acceptanceRate', 'declineRate'];
export const ASSIGNMENT_COLUMNS = [
  'assignment_id', 'round_id', 'expert_id', 'kind', 'university_id', 'college_id', 'discipline', 'project_id', 'lead_university_id', 'district_id', 'issue_type',
  'weight', 'matched_issue_type', 'matched_discipline', 'origin', 'status', 'decline_reason', 'proposed_at', 'deadline', 'decided_at', 'revision', 'placed_by', 'withdraw_reason',
];

/** The columns and rows of one report table. */
export function tableOf(r: RoundReport, table: ReportTable): [string[], Array<Record<string, unknown>>] {
  switch (table) {
    case 'summary': {
      const t = r.totals;
      const f = r.declared.figures;
      const rows: Array<Record<string, unknown>> = [
        { figure: 'status', value: r.status },
        { figure: 'strategy', value: r.strategy },
        { figure: 'teamPolicy', value: r.teamPolicy },
        { figure: 'scope', value: r.scope.key },
        { figure: 'dryRun', value: r.dryRun },
        { figure: 'complete', value: r.complete },
        { figure: 'projects', value: t?.projects ?? f?.projects },
        { figure: 'requiredSlots', value: t?.requiredSlots ?? f?.requiredSlots },
        { figure: 'coveredSlots', value: t?.coveredSlots ?? f?.coveredSlots },
        { figure: 'coverageRatio', value: t?.coverageRatio ?? f?.coverageRatio },
        { figure: 'weight', value: t?.weight ?? f?.weight },
        { figure: 'assignments', value: t?.assignments.total ?? f?.assignments.total },
        { figure: 'accepted', value: t?.assignments.accepted },
        { figure: 'declined', value: t?.assignments.declined },
        { figure: 'expired', value: t?.assignments.expired },
        { figure: 'acceptanceRate', value: t?.acceptanceRate },
        { figure: 'declineRate', value: t?.declineRate },
        { figure: 'unfilledSlots', value: r.unfilled.length },
        { figure: 'rematches', value: r.rematches },
        { figure: 'boundCoverage', value: r.declared.certificate?.bound.coverage },
        { figure: 'boundWeight', value: r.declared.certificate?.bound.weight },
        { figure: 'gapPct', value: r.declared.certificate?.gapPct },
        { figure: 'provenOptimal', value: r.declared.certificate?.proven },
      ];
      return [['figure', 'value'], rows];
    }
    case 'districts':
      return [PROJECT_GROUP_COLUMNS, r.byDistrict as unknown as Array<Record<string, unknown>>];
    case 'issue-types':
      return [PROJECT_GROUP_COLUMNS, r.byIssueType as unknown as Array<Record<string, unknown>>];
    case 'universities':
      return [EXPERT_GROUP_COLUMNS, r.byUniversity as unknown as Array<Record<string, unknown>>];
    case 'disciplines':
      return [EXPERT_GROUP_COLUMNS, r.byDiscipline as unknown as Array<Record<string, unknown>>];
    case 'unfilled':
      return [['projectId', 'districtId', 'issueType', 'kind', 'min', 'filled', 'missing', 'reason'], r.unfilled as unknown as Array<Record<string, unknown>>];
    case 'decline-reasons':
      return [['reason', 'count'], r.declineReasons];
    case 'comparison': {
      const c = r.comparison;
      const columns = ['strategy', 'roundId', 'dryRun', 'coverage', 'requiredSlots', 'coverageRatio', 'weight', 'assignments', 'underfilledSlots', 'unassignedExperts'];
      return [columns, c ? [{ strategy: 'optimal', ...c.optimal }, { strategy: 'stable', ...c.stable }] : []];
    }
    case 'teams':
      return [
        ['projectId', 'districtId', 'leadUniversityId', 'universities', 'teachers', 'students', 'accepted', 'reason'],
        r.teams.map((t) => ({ ...t, universities: t.universities.join(' ') })),
      ];
    case 'lead-universities':
      return [
        ['universityId', 'projectsLed', 'maxProjects', 'teachers', 'students', 'averageTeamSize', 'peoplePlaced'],
        r.byLeadUniversity as unknown as Array<Record<string, unknown>>,
      ];
    case 'policy-comparison': {
      const c = r.policyComparison;
      const columns = ['teamPolicy', 'roundId', 'dryRun', 'coverage', 'requiredSlots', 'coverageRatio', 'weight', 'assignments', 'underfilledSlots', 'unassignedExperts'];
      return [columns, c ? [c.mixed, c.oneUniversity] as unknown as Array<Record<string, unknown>> : []];
    }
  }
}
