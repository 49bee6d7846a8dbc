import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type {
  AssignmentSnapshotV1,
  DraftAssignmentV1,
  DraftEditAnswer,
  DraftForReview,
  Page,
  Preflight,
  PreflightAnswer,
  ProjectView,
  PublishAnswer,
  ReportAnswer,
  RoundAuditEntry,
  RoundReport,
  RoundView,
  WithdrawalPreview,
  WithdrawAnswer,
} from '@civic/contracts';
import type { Response } from 'express';
import type { ConsoleRequest } from '../session/session.middleware';
import { ConsoleError, requireAdmin } from './access';
import { UpstreamClient, UpstreamError } from './upstream.client';

const ROUND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The events a round's page follows live. */
const ROUND_STREAM_TYPES = ['round.started', 'round.drafted', 'round.published', 'round.completed', 'round.rematched', 'round.failed', 'round.cancelled', 'round.withdrawn', 'assignment.proposed'];

/**
 * Rounds for administrators: list, preflight, start (or dry-run), follow live, review, edit and publish a draft, cancel
 * a running round or a draft, withdraw a published one, the audit, the report with what its charts need, CSV downloads.
 */
@Controller('api/rounds')
export class RoundsHttpController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get()
  async list(@Req() req: ConsoleRequest): Promise<RoundView[]> {
    requireAdmin(req.session);
    // Matching answers a Page; the console's page lists the newest rounds, the first page.
    return (await this.upstream.call<Page<RoundView>>(req.session, 'matching', 'GET', '/rounds')).body.items;
  }

  /** The body goes to matching as it is: matching names any bad field and rule (400). */
  @Post()
  async start(@Req() req: ConsoleRequest, @Body() body: unknown): Promise<RoundView> {
    requireAdmin(req.session);
    return (await this.upstream.call<RoundView>(req.session, 'matching', 'POST', '/rounds', { json: body ?? {} })).body;
  }

  /**
   * Matching's preflight for the scope and options a round would be started with (the same body as POST); the projects
   * it names come back with their names, so the page can say which.
   */
  @Post('preflight')
  @HttpCode(200)
  async preflight(@Req() req: ConsoleRequest, @Body() body: unknown): Promise<PreflightAnswer> {
    requireAdmin(req.session);
    const answer = (await this.upstream.call<Preflight>(req.session, 'matching', 'POST', '/rounds/preflight', { json: body ?? {} })).body;
    const named = new Set(answer.projectsWithoutExpert.map((p) => p.projectId));
    const projects = named.size ? await this.upstream.all<ProjectView>(req.session, 'registry', '/projects', new URLSearchParams()) : [];
    return { preflight: answer, projects: projects.filter((p) => named.has(p.projectId)).map((p) => ({ projectId: p.projectId, name: p.name, nameEn: p.nameEn })) };
  }

  /**
   * A draft to review: its revision and figures (GET /rounds/{id}), its assignments with placedBy (GET
   * /rounds/{id}/draft), and the names of the projects of its scope (any of them may be the target of a pin or move).
   */
  @Get(':id/draft')
  async draft(@Req() req: ConsoleRequest, @Param('id') id: string): Promise<DraftForReview> {
    requireAdmin(req.session);
    const rid = roundId(id);
    const [round, assignments, projects] = await Promise.all([
      this.upstream.call<RoundView>(req.session, 'matching', 'GET', `/rounds/${rid}`).then((a) => a.body),
      this.upstream.call<DraftAssignmentV1[]>(req.session, 'matching', 'GET', `/rounds/${rid}/draft`).then((a) => a.body),
      this.upstream.all<ProjectView>(req.session, 'registry', '/projects', new URLSearchParams()),
    ]);
    const scope = round.scope.districtIds;
    return {
      roundId: rid,
      status: round.status,
      revision: round.revision,
      figures: round.summary?.figures ?? null,
      assignments,
      projects: projects.filter((p) => !scope || scope.includes(p.districtId)).map((p) => ({ projectId: p.projectId, name: p.name, nameEn: p.nameEn })),
    };
  }

  /** Edits a draft (pin, remove, move, with the revision and a reason): matching answers the diff and the figures before and after, or 409 stale_revision, 422 edit_breaks_rule. */
  @Post(':id/edits')
  @HttpCode(200)
  async edit(@Req() req: ConsoleRequest, @Param('id') id: string, @Body() body: unknown): Promise<DraftEditAnswer> {
    requireAdmin(req.session);
    return (await this.upstream.call<DraftEditAnswer>(req.session, 'matching', 'POST', `/rounds/${roundId(id)}/edits`, { json: body ?? {} })).body;
  }

  /** Publishes a draft (matching checks what changed since it was solved: 409 round_changed, or a re-solve when asked). */
  @Post(':id/publish')
  async publish(@Req() req: ConsoleRequest, @Param('id') id: string, @Body() body: unknown): Promise<PublishAnswer> {
    requireAdmin(req.session);
    return (await this.upstream.call<PublishAnswer>(req.session, 'matching', 'POST', `/rounds/${roundId(id)}/publish`, { json: body ?? {} })).body;
  }

  /** Cancels a running round or drops a draft (matching: 409 round_not_cancellable otherwise); the reason is optional. */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Req() req: ConsoleRequest, @Param('id') id: string, @Body() body: unknown): Promise<RoundView> {
    requireAdmin(req.session);
    return (await this.upstream.call<RoundView>(req.session, 'matching', 'POST', `/rounds/${roundId(id)}/cancel`, { json: body ?? {} })).body;
  }

  /** What a withdrawal would take back: the round's proposed and accepted assignments, counted per university. */
  @Get(':id/withdrawal')
  async withdrawal(@Req() req: ConsoleRequest, @Param('id') id: string): Promise<WithdrawalPreview> {
    requireAdmin(req.session);
    const held = (await this.upstream.call<AssignmentSnapshotV1[]>(req.session, 'matching', 'GET', `/rounds/${roundId(id)}/assignments?status=proposed,accepted`)).body;
    const byUniversity = new Map<string, { universityId: string; proposed: number; accepted: number }>();
    for (const a of held) {
      const u = byUniversity.get(a.universityId) ?? { universityId: a.universityId, proposed: 0, accepted: 0 };
      if (a.status === 'accepted') u.accepted++;
      else u.proposed++;
      byUniversity.set(a.universityId, u);
    }
    const universities = [...byUniversity.values()].sort((a, b) => a.universityId.localeCompare(b.universityId));
    return { proposed: universities.reduce((n, u) => n + u.proposed, 0), accepted: universities.reduce((n, u) => n + u.accepted, 0), universities };
  }

  /** Withdraws a published round (`{ reason, includeAccepted? }`; matching names a bad field, 409 round_not_published). */
  @Post(':id/withdraw')
  @HttpCode(200)
  async withdraw(@Req() req: ConsoleRequest, @Param('id') id: string, @Body() body: unknown): Promise<WithdrawAnswer> {
    requireAdmin(req.session);
    return (await this.upstream.call<WithdrawAnswer>(req.session, 'matching', 'POST', `/rounds/${roundId(id)}/withdraw`, { json: body ?? {} })).body;
  }

  /** Every administrator's action on the round (edit, publish, cancel, withdraw): who, when, why and what. */
  @Get(':id/audit')
  async audit(@Req() req: ConsoleRequest, @Param('id') id: string): Promise<RoundAuditEntry[]> {
    requireAdmin(req.session);
    return (await this.upstream.call<RoundAuditEntry[]>(req.session, 'matching', 'GET', `/rounds/${roundId(id)}/audit`)).body;
  }

  @Get(':id')
  async get(@Req() req: ConsoleRequest, @Param('id') id: string): Promise<RoundView> {
    requireAdmin(req.session);
    return (await this.upstream.call<RoundView>(req.session, 'matching', 'GET', `/rounds/${roundId(id)}`)).body;
  }

  /** The report and, for its map, every project's name and location (reporting's report names projects by id only). */
  @Get(':id/report')
  async report(@Req() req: ConsoleRequest, @Param('id') id: string): Promise<ReportAnswer> {
    requireAdmin(req.session);
    const rid = roundId(id);
    const [report, projects] = await Promise.all([
      this.upstream.call<RoundReport>(req.session, 'reporting', 'GET', `/rounds/${rid}/report`).then((a) => a.body),
      this.upstream.all<ProjectView>(req.session, 'registry', '/projects', new URLSearchParams()),
    ]);
    return {
      report,
      projects: projects.map((p) => ({ projectId: p.projectId, name: p.name, nameEn: p.nameEn, districtId: p.districtId, lat: p.location.lat, lon: p.location.lon })),
    };
  }

  @Get(':id/report.csv')
  reportCsv(@Req() req: ConsoleRequest, @Param('id') id: string, @Res() res: Response) {
    return this.download(req, res, `/rounds/${roundId(id)}/report.csv`, `round-${id}-report.csv`);
  }

  @Get(':id/assignments.csv')
  assignmentsCsv(@Req() req: ConsoleRequest, @Param('id') id: string, @Res() res: Response) {
    return this.download(req, res, `/rounds/${roundId(id)}/assignments.csv`, `round-${id}-assignments.csv`);
  }

  private async download(req: ConsoleRequest, res: Response, path: string, filename: string): Promise<void> {
    requireAdmin(req.session);
    const answer = await this.upstream.call<string>(req.session, 'reporting', 'GET', path);
    res.status(200).set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` }).send(answer.body);
  }

  /**
   * The round's events as server-sent events, from reporting's event stream with the user's token: the round's own
   * events only. It stays open until the page closes it (a round's proposals may reach reporting after its
   * round.completed: they travel on another topic), or until the token expires.
   */
  @Get(':id/events')
  async events(@Req() req: ConsoleRequest, @Param('id') id: string, @Res() res: Response): Promise<void> {
    requireAdmin(req.session);
    const rid = roundId(id);
    const abort = new AbortController();
    const upstream = await this.upstream.raw(req.session, 'reporting', 'GET', `/events/stream?types=${ROUND_STREAM_TYPES.join(',')}`, undefined, {}).catch((e) => {
      throw e instanceof UpstreamError ? e : new ConsoleError(503, 'service_unavailable', 'the event stream does not answer now');
    });
    if (upstream.status !== 200 || !upstream.body) {
      const text = await upstream.text();
      throw new UpstreamError(upstream.status, text ? JSON.parse(text) : {});
    }
    res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    req.on('close', () => abort.abort());
    const reader = upstream.body.getReader();
    abort.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined));
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!type || !data || !data.includes(rid)) continue;
          const envelope = JSON.parse(data) as { type: string; occurredAt?: string; payload?: Record<string, unknown> };
          res.write(`event: ${type}\ndata: ${JSON.stringify({ type, occurredAt: envelope.occurredAt, payload: summarize(envelope.payload) })}\n\n`);
        }
      }
    } catch {
      // The browser went away, or the upstream stream ended: either way this stream is over.
    }
    res.end();
  }
}

/** The few fields of an event the page shows (an assignment's project and university; a round's figures). */
function summarize(payload: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!payload) return {};
  const a = (payload.assignment ?? payload) as Record<string, unknown>;
  return { projectId: a.projectId, universityId: a.universityId, figures: payload.figures, reason: payload.reason, phase: payload.phase };
}

function roundId(id: string): string {
  if (!ROUND_ID.test(id)) throw new ConsoleError(400, 'validation_failed', 'id must be a round id (UUID)', [{ field: 'id', rule: 'isUuid', message: 'id must be a round id (UUID)' }]);
  return id;
}
