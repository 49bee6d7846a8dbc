import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { findDistrict } from '@civic/catalogue';
import type { ProjectSnapshotV1, ProjectStatus } from '@civic/contracts';
import type { FieldProblem } from '@civic/platform';

/** A project's registrable state, as a validated request or import row gives it (absent optional parts keep or default). */
export interface ProjectInput {
  externalKey: string;
  name: string;
  nameEn?: string;
  districtId: string;
  streetCode: string;
  partnerStreetCodes?: string[];
  communityType: string;
  issueTypes: string[];
  wantedDisciplines?: string[];
  slots: { teacher: { min: number; max: number }; student: { min: number; max: number } };
  location?: { lat: number; lon: number };
}

/** The fields an update compares: a re-import that changes none of them writes nothing. */
const STATE_FIELDS = [
  'name',
  'nameEn',
  'districtId',
  'streetCode',
  'partnerStreetCodes',
  'communityType',
  'issueTypes',
  'wantedDisciplines',
  'teacherMin',
  'teacherMax',
  'studentMin',
  'studentMax',
  'lat',
  'lon',
] as const satisfies readonly (keyof ProjectEntity)[];

/** An action team's community project, owned by project-registry. */
@Entity('project')
export class ProjectEntity {
  /** Registry-assigned id, 'P00001'...; fixed width so string order is numeric order. */
  @PrimaryColumn('text')
  id!: string;

  /** The key the administrators' spreadsheet uses; re-imports match on it. */
  @Column('text', { name: 'external_key', unique: true })
  externalKey!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'name_en', nullable: true })
  nameEn!: string | null;

  @Column('text', { name: 'district_id' })
  districtId!: string;

  @Column('text', { name: 'street_code' })
  streetCode!: string;

  /** Other streets/towns of a cross-region project (possibly in a neighbouring district). */
  @Column('text', { name: 'partner_street_codes', array: true })
  partnerStreetCodes!: string[];

  @Column('text', { name: 'community_type' })
  communityType!: string;

  @Column('text', { name: 'issue_types', array: true })
  issueTypes!: string[];

  @Column('text', { name: 'wanted_disciplines', array: true })
  wantedDisciplines!: string[];

  @Column('int', { name: 'teacher_min' })
  teacherMin!: number;

  @Column('int', { name: 'teacher_max' })
  teacherMax!: number;

  @Column('int', { name: 'student_min' })
  studentMin!: number;

  @Column('int', { name: 'student_max' })
  studentMax!: number;

  @Column('double precision')
  lat!: number;

  @Column('double precision')
  lon!: number;

  @Column('text')
  status!: ProjectStatus;

  @Column('int')
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * Rules that span fields and need the catalogue (class-validator checks each field alone): the lead street must
   * lie in the project's district.
   */
  static ruleProblems(input: ProjectInput): FieldProblem[] {
    const district = findDistrict(input.districtId);
    if (district && !input.streetCode.startsWith(district.code)) {
      return [{ field: 'streetCode', rule: 'inDistrict', message: `streetCode must start with the code of district ${input.districtId} (${district.code})` }];
    }
    return [];
  }

  /** A new active project at revision 1; the location defaults to the district's centroid. */
  static register(id: string, input: ProjectInput): ProjectEntity {
    const project = new ProjectEntity();
    project.id = id;
    project.externalKey = input.externalKey;
    project.status = 'active';
    project.revision = 1;
    Object.assign(project, ProjectEntity.stateFrom(input));
    return project;
  }

  /** True when applying the input would change some field. */
  differsFrom(input: ProjectInput): boolean {
    const next = ProjectEntity.stateFrom(input, this);
    return STATE_FIELDS.some((f) => JSON.stringify(next[f]) !== JSON.stringify(this[f]));
  }

  /** Applies a full input; bumps the revision and returns true only when some field really changes. */
  revise(input: ProjectInput): boolean {
    if (!this.differsFrom(input)) return false;
    Object.assign(this, ProjectEntity.stateFrom(input, this));
    this.revision++;
    return true;
  }

  /** Takes the project out of future rounds; false when it already was withdrawn. */
  withdraw(): boolean {
    if (this.status === 'withdrawn') return false;
    this.status = 'withdrawn';
    this.revision++;
    return true;
  }

  /** This project's state as a full input (what an update merges a partial change into). */
  toInput(): ProjectInput {
    return {
      externalKey: this.externalKey,
      name: this.name,
      ...(this.nameEn === null ? {} : { nameEn: this.nameEn }),
      districtId: this.districtId,
      streetCode: this.streetCode,
      partnerStreetCodes: [...this.partnerStreetCodes],
      communityType: this.communityType,
      issueTypes: [...this.issueTypes],
      wantedDisciplines: [...this.wantedDisciplines],
      slots: { teacher: { min: this.teacherMin, max: this.teacherMax }, student: { min: this.studentMin, max: this.studentMax } },
      location: { lat: this.lat, lon: this.lon },
    };
  }

  /** The state carried by every project event. */
  toSnapshot(): ProjectSnapshotV1 {
    return {
      projectId: this.id,
      externalKey: this.externalKey,
      name: this.name,
      ...(this.nameEn === null ? {} : { nameEn: this.nameEn }),
      districtId: this.districtId,
      streetCode: this.streetCode,
      communityType: this.communityType,
      issueTypes: this.issueTypes,
      wantedDisciplines: this.wantedDisciplines,
      slots: { teacher: { min: this.teacherMin, max: this.teacherMax }, student: { min: this.studentMin, max: this.studentMax } },
      location: { lat: this.lat, lon: this.lon },
      status: this.status,
      revision: this.revision,
    };
  }

  // Absent optional parts keep their stored value; a new project (or a move to another district) without a
  // location gets the district's centroid.
  private static stateFrom(input: ProjectInput, stored?: ProjectEntity): Pick<ProjectEntity, (typeof STATE_FIELDS)[number]> {
    const moved = stored !== undefined && input.districtId !== stored.districtId;
    const centroid = findDistrict(input.districtId)?.centroid;
    const location = input.location ?? (!stored || moved ? centroid : { lat: stored.lat, lon: stored.lon });
    if (!location) throw new RangeError(`unknown district: ${input.districtId}`);
    return {
      name: input.name,
      nameEn: input.nameEn ?? stored?.nameEn ?? null,
      districtId: input.districtId,
      streetCode: input.streetCode,
      partnerStreetCodes: input.partnerStreetCodes ?? stored?.partnerStreetCodes ?? [],
      communityType: input.communityType,
      issueTypes: input.issueTypes,
      wantedDisciplines: input.wantedDisciplines ?? stored?.wantedDisciplines ?? [],
      teacherMin: input.slots.teacher.min,
      teacherMax: input.slots.teacher.max,
      studentMin: input.slots.student.min,
      studentMax: input.slots.student.max,
      lat: location.lat,
      lon: location.lon,
    };
  }
}
