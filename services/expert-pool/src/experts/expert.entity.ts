import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { findCollege, findUniversity } from '@civic/catalogue';
import type { Availability, ExpertKind, ExpertSnapshotV1 } from '@civic/contracts';
import type { FieldProblem } from '@civic/platform';

/** An expert's registrable state, as a validated request or import row gives it (absent optional parts keep or default). */
export interface ExpertInput {
  externalKey: string;
  kind: ExpertKind;
  name: string;
  nameEn?: string;
  universityId: string;
  collegeId: string;
  disciplines: string[];
  capacity: number;
  available?: boolean;
  availability?: Availability;
  /** Registry project ids, most wanted first. */
  preferences?: string[];
  location?: { lat: number; lon: number };
}

/** The fields an update compares: a re-import that changes none of them writes nothing. */
const STATE_FIELDS = [
  'name',
  'nameEn',
  'universityId',
  'collegeId',
  'disciplines',
  'capacity',
  'available',
  'availability',
  'preferences',
  'lat',
  'lon',
] as const satisfies readonly (keyof ExpertEntity)[];
type StateField = (typeof STATE_FIELDS)[number];

/** A change to these alone is an availability change (expert.availability-changed), not a general update. */
const AVAILABILITY_FIELDS: readonly StateField[] = ['available', 'availability'];

/** What a revision changed: nothing, only the expert's availability, or more. */
export type ExpertChange = 'none' | 'availability' | 'profile';

/** A teacher or student of one of the think-tank universities, owned by expert-pool. */
@Entity('expert')
export class ExpertEntity {
  /** 'T000001'... for teachers, 'S000001'... for students. */
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'external_key', unique: true })
  externalKey!: string;

  @Column('text')
  kind!: ExpertKind;

  @Column('text')
  name!: string;

  @Column('text', { name: 'name_en', nullable: true })
  nameEn!: string | null;

  @Column('text', { name: 'university_id' })
  universityId!: string;

  @Column('text', { name: 'college_id' })
  collegeId!: string;

  @Column('text', { array: true })
  disciplines!: string[];

  @Column('int')
  capacity!: number;

  /** False while the expert cannot take part in rounds. */
  @Column('boolean')
  available!: boolean;

  /** When the expert can work (informational: the engine does not use it). */
  @Column('text', { nullable: true })
  availability!: Availability | null;

  @Column('text', { array: true })
  preferences!: string[];

  @Column('double precision')
  lat!: number;

  @Column('double precision')
  lon!: number;

  @Column('int')
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Rules that span fields and need the catalogue: the college must belong to the university. */
  static ruleProblems(input: ExpertInput): FieldProblem[] {
    if (findUniversity(input.universityId) && findCollege(input.collegeId)?.universityId !== input.universityId) {
      return [{ field: 'collegeId', rule: 'ofUniversity', message: `collegeId must be a college of ${input.universityId}` }];
    }
    return [];
  }

  /** A new expert at revision 1: available unless said otherwise, located at the university's main campus by default. */
  static register(id: string, input: ExpertInput): ExpertEntity {
    const expert = new ExpertEntity();
    expert.id = id;
    expert.externalKey = input.externalKey;
    expert.kind = input.kind;
    expert.revision = 1;
    Object.assign(expert, ExpertEntity.stateFrom(input));
    return expert;
  }

  /** What applying the input would change. */
  changeFrom(input: ExpertInput): ExpertChange {
    const next = ExpertEntity.stateFrom(input, this);
    const changed = STATE_FIELDS.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(this[f]));
    if (changed.length === 0) return 'none';
    return changed.every((f) => AVAILABILITY_FIELDS.includes(f)) ? 'availability' : 'profile';
  }

  /** Applies a full input; bumps the revision when something changes and says what kind of change it was. */
  revise(input: ExpertInput): ExpertChange {
    const change = this.changeFrom(input);
    if (change === 'none') return change;
    Object.assign(this, ExpertEntity.stateFrom(input, this));
    this.revision++;
    return change;
  }

  /** This expert's state as a full input (what an update merges a partial change into). */
  toInput(): ExpertInput {
    return {
      externalKey: this.externalKey,
      kind: this.kind,
      name: this.name,
      ...(this.nameEn === null ? {} : { nameEn: this.nameEn }),
      universityId: this.universityId,
      collegeId: this.collegeId,
      disciplines: [...this.disciplines],
      capacity: this.capacity,
      available: this.available,
      ...(this.availability === null ? {} : { availability: this.availability }),
      preferences: [...this.preferences],
      location: { lat: this.lat, lon: this.lon },
    };
  }

  /** The state carried by every expert event. */
  toSnapshot(): ExpertSnapshotV1 {
    return {
      expertId: this.id,
      externalKey: this.externalKey,
      kind: this.kind,
      name: this.name,
      ...(this.nameEn === null ? {} : { nameEn: this.nameEn }),
      universityId: this.universityId,
      collegeId: this.collegeId,
      disciplines: this.disciplines,
      capacity: this.capacity,
      available: this.available,
      preferences: this.preferences,
      location: { lat: this.lat, lon: this.lon },
      revision: this.revision,
    };
  }

  // Absent optional parts keep their stored value; a new expert (or a move to another university) without a
  // location is placed at the university's main campus.
  private static stateFrom(input: ExpertInput, stored?: ExpertEntity): Pick<ExpertEntity, StateField> {
    const moved = stored !== undefined && input.universityId !== stored.universityId;
    const campus = findUniversity(input.universityId)?.campus.location;
    const location = input.location ?? (!stored || moved ? campus : { lat: stored.lat, lon: stored.lon });
    if (!location) throw new RangeError(`unknown university: ${input.universityId}`);
    return {
      name: input.name,
      nameEn: input.nameEn ?? stored?.nameEn ?? null,
      universityId: input.universityId,
      collegeId: input.collegeId,
      disciplines: input.disciplines,
      capacity: input.capacity,
      available: input.available ?? stored?.available ?? true,
      availability: input.availability ?? stored?.availability ?? null,
      preferences: input.preferences ?? stored?.preferences ?? [],
      lat: location.lat,
      lon: location.lon,
    };
  }
}
