import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import type { AssignmentSnapshotV1, ExpertView, ProjectView, UniversityProposals } from '@civic/contracts';
import type { ConsoleRequest } from '../session/session.middleware';
import { ConsoleError, requireUniversity } from './access';
import { UpstreamClient } from './upstream.client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROJECT_ID = /^[\w.:-]{1,64}$/;
const ANSWERS = ['accept', 'decline'] as const;

/**
 * A university's proposals for its coordinator (or an administrator): every assignment of the university with the
 * project's and the expert's names, and the answers, per member or for a whole one-university team. A coordinator
 * asking for another university gets 404 here, before any service is called.
 */
@Controller('api/universities/:universityId')
export class ProposalsHttpController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get('proposals')
  async proposals(@Req() req: ConsoleRequest, @Param('universityId') universityId: string): Promise<UniversityProposals> {
    requireUniversity(req.session, universityId);
    const assignments: AssignmentSnapshotV1[] = [];
    let after: string | null = null;
    do {
      const query: string = `limit=1000${after ? `&after=${after}` : ''}`;
      const page: { assignments: AssignmentSnapshotV1[]; next: string | null } = (
        await this.upstream.call(req.session, 'matching', 'GET', `/universities/${encodeURIComponent(universityId)}/assignments?${query}`)
      ).body;
      assignments.push(...page.assignments);
      after = page.next;
    } while (after);
    const [projects, experts] = await Promise.all([
      this.upstream.all<ProjectView>(req.session, 'registry', '/projects', new URLSearchParams()),
      this.upstream.all<ExpertView>(req.session, 'experts', '/experts', new URLSearchParams({ universityId })),
    ]);
    const projectIds = new Set(assignments.map((a) => a.projectId));
    const expertIds = new Set(assignments.map((a) => a.expertId));
    return {
      universityId,
      now: new Date().toISOString(),
      assignments,
      projects: projects.filter((p) => projectIds.has(p.projectId)).map((p) => ({ projectId: p.projectId, name: p.name, nameEn: p.nameEn, districtId: p.districtId })),
      experts: experts.filter((e) => expertIds.has(e.expertId)).map((e) => ({ expertId: e.expertId, name: e.name, nameEn: e.nameEn })),
    };
  }

  @Post('assignments/:assignmentId/:answer')
  async answerMember(@Req() req: ConsoleRequest, @Param() p: Record<string, string>, @Body() body: unknown) {
    requireUniversity(req.session, p.universityId);
    if (!UUID.test(p.assignmentId)) throw invalid('assignmentId', 'isUuid', 'assignmentId must be an assignment id (UUID)');
    const answer = answerOf(p.answer);
    const path = `/universities/${encodeURIComponent(p.universityId)}/assignments/${p.assignmentId}/${answer}`;
    return (await this.upstream.call(req.session, 'matching', 'POST', path, { json: answer === 'decline' ? (body ?? {}) : {} })).body;
  }

  @Post('rounds/:roundId/projects/:projectId/:answer')
  async answerTeam(@Req() req: ConsoleRequest, @Param() p: Record<string, string>, @Body() body: unknown) {
    requireUniversity(req.session, p.universityId);
    if (!UUID.test(p.roundId)) throw invalid('roundId', 'isUuid', 'roundId must be a round id (UUID)');
    if (!PROJECT_ID.test(p.projectId)) throw invalid('projectId', 'matches', 'projectId must be 1-64 letters, digits, dot, colon, dash or underscore');
    const answer = answerOf(p.answer);
    const path = `/universities/${encodeURIComponent(p.universityId)}/rounds/${p.roundId}/projects/${encodeURIComponent(p.projectId)}/${answer}`;
    return (await this.upstream.call(req.session, 'matching', 'POST', path, { json: answer === 'decline' ? (body ?? {}) : {} })).body;
  }
}

function answerOf(answer: string): 'accept' | 'decline' {
  if (!(ANSWERS as readonly string[]).includes(answer)) throw invalid('answer', 'isIn', 'answer must be accept or decline');
  return answer as 'accept' | 'decline';
}

function invalid(field: string, rule: string, message: string): ConsoleError {
  return new ConsoleError(400, 'validation_failed', message, [{ field, rule, message }]);
}
