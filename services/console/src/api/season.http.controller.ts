import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import type { ExpertView, ImportJobView, Page, ProjectView } from '@civic/contracts';
import type { ConsoleRequest } from '../session/session.middleware';
import { ConsoleError, requireAdmin } from './access';
import { UpstreamClient } from './upstream.client';

const PAGE_SIZE = 20;
const PROJECT_FILTERS = ['districtId', 'issueType', 'communityType', 'status'];
const EXPERT_FILTERS = ['universityId', 'discipline', 'kind', 'available'];
const IMPORT_KINDS = ['projects', 'teachers', 'students'] as const;
type ImportKind = (typeof IMPORT_KINDS)[number];

/** What the name search reads of a project or an expert. */
type Named = Pick<ProjectView, 'name' | 'nameEn'> & Partial<Pick<ProjectView, 'projectId'> & Pick<ExpertView, 'expertId'>>;

/** The season for administrators: projects and experts (filters, name search, pages) and CSV imports. */
@Controller('api')
export class SeasonHttpController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get('projects')
  projects(@Req() req: ConsoleRequest, @Query() query: Record<string, string>): Promise<Page<ProjectView>> {
    return this.page<ProjectView>(req, 'registry', '/projects', PROJECT_FILTERS, query);
  }

  @Get('experts')
  experts(@Req() req: ConsoleRequest, @Query() query: Record<string, string>): Promise<Page<ExpertView>> {
    return this.page<ExpertView>(req, 'experts', '/experts', EXPERT_FILTERS, query);
  }

  /** One page of 20; with `q`, the filtered list is searched by name (either language) or id, then paged here. */
  private async page<T extends Named>(req: ConsoleRequest, service: 'registry' | 'experts', path: string, filters: string[], query: Record<string, string>): Promise<Page<T>> {
    requireAdmin(req.session);
    const page = Math.max(1, Math.min(100_000, Number.parseInt(query.page ?? '1', 10) || 1));
    const upstreamQuery = new URLSearchParams();
    for (const f of filters) if (query[f]) upstreamQuery.set(f, query[f]);
    const q = (query.q ?? '').trim().toLowerCase();
    if (q.length > 100) throw new ConsoleError(400, 'validation_failed', 'q must be at most 100 characters', [{ field: 'q', rule: 'maxLength', message: 'q must be at most 100 characters' }]);
    if (!q) {
      upstreamQuery.set('page', String(page));
      upstreamQuery.set('pageSize', String(PAGE_SIZE));
      return (await this.upstream.call<Page<T>>(req.session, service, 'GET', `${path}?${upstreamQuery}`)).body;
    }
    const all = await this.upstream.all<T>(req.session, service, path, upstreamQuery);
    const hits = all.filter((x) => x.name.toLowerCase().includes(q) || (x.nameEn ?? '').toLowerCase().includes(q) || (x.projectId ?? x.expertId ?? '').toLowerCase().includes(q));
    return { items: hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, pageSize: PAGE_SIZE, total: hits.length };
  }

  /** Uploads a CSV file (the body, text/csv) to the registry that imports it; answers the job (202). */
  @Post('imports/:kind')
  async startImport(@Req() req: ConsoleRequest, @Param('kind') kind: string, @Query('mode') mode: string | undefined, @Body() body: unknown): Promise<ImportJobView> {
    requireAdmin(req.session);
    const k = importKind(kind);
    if (typeof body !== 'string' || body.length === 0) {
      throw new ConsoleError(400, 'validation_failed', 'send the CSV file as the body, with content-type text/csv', [{ field: 'body', rule: 'csv', message: 'the body must be a CSV file (text/csv)' }]);
    }
    const query = new URLSearchParams({ mode: mode === 'all-or-nothing' ? 'all-or-nothing' : 'valid-rows' });
    if (k !== 'projects') query.set('kind', k === 'teachers' ? 'teacher' : 'student');
    const path = k === 'projects' ? '/projects/imports' : '/experts/imports';
    return (await this.upstream.call<ImportJobView>(req.session, k === 'projects' ? 'registry' : 'experts', 'POST', `${path}?${query}`, { text: body, contentType: 'text/csv' })).body;
  }

  @Get('imports/:kind/:id')
  async importJob(@Req() req: ConsoleRequest, @Param('kind') kind: string, @Param('id') id: string): Promise<ImportJobView> {
    requireAdmin(req.session);
    const k = importKind(kind);
    const path = `${k === 'projects' ? '/projects/imports' : '/experts/imports'}/${encodeURIComponent(id)}`;
    return (await this.upstream.call<ImportJobView>(req.session, k === 'projects' ? 'registry' : 'experts', 'GET', path)).body;
  }
}

function importKind(kind: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new ConsoleError(400, 'validation_failed', `kind must be one of ${IMPORT_KINDS.join(', ')}`, [{ field: 'kind', rule: 'isIn', message: `kind must be one of ${IMPORT_KINDS.join(', ')}` }]);
  }
  return kind as ImportKind;
}
