// Community (project-subject) types — derived from shared/domain/domain.json (Shanghai 美好社区 先锋行动, 2023 season).
// Provenance labels: 'article' = stated in 人民网上海频道 2023-08-23; 'real' = real-world fact; 'plausible' = invented or estimated.
// Edit by hand with care: specs assert the article's totals.
import type { CommunityTypeRecord } from '../catalogue.types';

export const COMMUNITY_TYPE_DATA: readonly CommunityTypeRecord[] = [
  {
    slug: 'residential', zh: '居民区', en: 'Residential-committee area (one or a few estates under one 居委会)', provenance: 'article',
    plannedProjects: { value: 108, provenance: 'plausible' },
    where: 'all districts; the default subject of the 2022 season',
  },
  {
    slug: 'block', zh: '街区', en: 'Block / street-block (several 居民区 + shops, offices, public space)', provenance: 'article',
    plannedProjects: { value: 36, provenance: 'plausible' },
    where: 'mostly central districts and town centres',
  },
  {
    slug: 'village', zh: '居村', en: 'Village or mixed village–residential unit (村委/居委 in towns)', provenance: 'article',
    plannedProjects: { value: 20, provenance: 'plausible' },
    where: 'suburban districts and 浦东 towns only',
  },
  {
    slug: 'cross_region', zh: '跨区域', en: 'Cross-boundary unit (spanning 居民区/街镇/区 boundaries)', provenance: 'article',
    plannedProjects: { value: 11, provenance: 'plausible' },
    where: 'boundary areas; needs ≥2 administrative units',
  },
];
