import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProjectSnapshotV1, ProjectStatus } from '@civic/contracts';

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

  @Column('text', { name: 'district_id' })
  districtId!: string;

  @Column('text', { name: 'street_code' })
  streetCode!: string;

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

  /** The state carried by every project event. */
  toSnapshot(): ProjectSnapshotV1 {
    return {
      projectId: this.id,
      externalKey: this.externalKey,
      name: this.name,
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
}
