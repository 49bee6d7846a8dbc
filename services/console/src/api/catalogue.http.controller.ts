import { Controller, Get, Header } from '@nestjs/common';
import { COMMUNITY_TYPES, DISCIPLINES, DISTRICTS, ISSUE_TYPES, UNIVERSITIES } from '@civic/catalogue';
import { DECLINE_REASONS, type CatalogueEntry, type ConsoleCatalogue } from '@civic/contracts';

const pick = (id: string, x: { zh: string; en: string }): CatalogueEntry => ({ id, zh: x.zh, en: x.en });

/** The names the pages show, in both languages (public reference data, cached by the browser). */
@Controller('api/catalogue')
export class CatalogueHttpController {
  private readonly body: ConsoleCatalogue = {
    districts: DISTRICTS.map((d) => ({ ...pick(d.id, d), centroid: d.centroid })),
    universities: UNIVERSITIES.map((u) => pick(u.id, u)),
    disciplines: DISCIPLINES.map((d) => pick(d.slug, d)),
    issueTypes: ISSUE_TYPES.map((t) => pick(t.slug, t)),
    communityTypes: COMMUNITY_TYPES.map((t) => pick(t.slug, t)),
    declineReasons: DECLINE_REASONS,
  };

  @Get()
  @Header('cache-control', 'private, max-age=3600')
  catalogue(): ConsoleCatalogue {
    return this.body;
  }
}
