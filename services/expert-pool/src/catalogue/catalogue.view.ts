import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { College, Discipline, University } from '@civic/catalogue';

const PROVENANCE = ['article', 'real', 'plausible'];
const PROVENANCE_NOTE = "article: stated in the source article; real: a real-world fact; plausible: an estimate, never to be shown as fact";

class SourcedTextView {
  @ApiProperty({ example: 'named' })
  value!: string;

  @ApiProperty({ enum: PROVENANCE, example: 'article' })
  provenance!: string;
}

class SourcedNumberView {
  @ApiProperty({ example: 62 })
  value!: number;

  @ApiProperty({ enum: PROVENANCE, example: 'plausible' })
  provenance!: string;
}

class CampusView {
  @ApiProperty({ example: '邯郸校区, 邯郸路220号' })
  name!: string;

  @ApiProperty({ example: 'yangpu' })
  districtId!: string;

  @ApiProperty({ example: { lat: 31.299, lon: 121.503 } })
  location!: { lat: number; lon: number };
}

export class UniversityView {
  @ApiProperty({ example: 'fdu' })
  id!: string;

  @ApiProperty({ example: '复旦大学' })
  zh!: string;

  @ApiProperty({ example: 'Fudan University' })
  en!: string;

  @ApiProperty({ type: SourcedTextView, description: 'named in the article, implied by it, or assumed' })
  participation!: SourcedTextView;

  @ApiProperty({ type: CampusView })
  campus!: CampusView;

  @ApiProperty({ type: SourcedNumberView })
  plannedTeachers!: SourcedNumberView;

  @ApiProperty({ type: SourcedNumberView, example: { value: 95, provenance: 'plausible' } })
  plannedStudents!: SourcedNumberView;

  @ApiPropertyOptional({ example: '复旦大学城市治理研究中心' })
  anchor?: string;

  @ApiProperty({ example: 5, description: 'colleges taking part' })
  collegeCount!: number;

  @ApiProperty({ enum: PROVENANCE, example: 'real', description: PROVENANCE_NOTE })
  provenance!: string;
}

export class CollegeView {
  @ApiProperty({ example: 'fdu_ssdpp' })
  id!: string;

  @ApiProperty({ example: 'fdu' })
  universityId!: string;

  @ApiProperty({ example: '社会发展与公共政策学院' })
  zh!: string;

  @ApiProperty({ example: 'School of Social Development and Public Policy' })
  en!: string;

  @ApiProperty({ example: ['sociology', 'social_work', 'msw'], description: 'hosted disciplines (a plausible mapping)' })
  disciplines!: string[];

  @ApiProperty({ enum: PROVENANCE, example: 'real', description: PROVENANCE_NOTE })
  provenance!: string;

  @ApiProperty({ enum: ['V', 'K', 'P'], example: 'K', description: 'V verified, K general knowledge, P plausible' })
  confidence!: string;
}

class CategoryView {
  @ApiProperty({ example: '法学' })
  zh!: string;

  @ApiProperty({ example: 'Law' })
  en!: string;
}

export class DisciplineView {
  @ApiProperty({ example: 'sociology' })
  slug!: string;

  @ApiProperty({ example: '社会学' })
  zh!: string;

  @ApiProperty({ example: 'Sociology' })
  en!: string;

  @ApiProperty({ enum: ['UG', 'PG'], example: 'UG' })
  level!: string;

  @ApiProperty({ example: '030301', description: 'catalogue code (2022)' })
  code!: string;

  @ApiProperty({ type: CategoryView })
  category!: CategoryView;

  @ApiProperty({ example: ['fdu_ssdpp', 'ecnu_ssd', 'shu_soc'], description: 'host colleges (a plausible mapping)' })
  colleges!: string[];

  @ApiProperty({ enum: PROVENANCE, example: 'real', description: PROVENANCE_NOTE })
  provenance!: string;

  @ApiProperty({ enum: ['V', 'K', 'P'], example: 'K' })
  confidence!: string;
}

export function toUniversityView(u: University): UniversityView {
  return {
    id: u.id,
    zh: u.zh,
    en: u.en,
    participation: { ...u.participation },
    campus: { name: u.campus.name, districtId: u.campus.districtId, location: { ...u.campus.location } },
    plannedTeachers: { ...u.plannedTeachers },
    plannedStudents: { ...u.plannedStudents },
    ...(u.anchor ? { anchor: u.anchor } : {}),
    collegeCount: u.colleges.length,
    provenance: u.provenance,
  };
}

export function toCollegeView(c: College): CollegeView {
  return {
    id: c.id,
    universityId: c.universityId,
    zh: c.zh,
    en: c.en,
    disciplines: [...c.disciplines],
    provenance: c.provenance,
    confidence: c.confidence,
  };
}

export function toDisciplineView(d: Discipline): DisciplineView {
  return {
    slug: d.slug,
    zh: d.zh,
    en: d.en,
    level: d.level,
    code: d.code,
    category: { ...d.category },
    colleges: [...d.colleges.value],
    provenance: d.provenance,
    confidence: d.confidence,
  };
}
