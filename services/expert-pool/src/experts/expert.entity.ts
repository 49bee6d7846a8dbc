import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ExpertKind, ExpertSnapshotV1 } from '@civic/contracts';

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

  @Column('text', { name: 'university_id' })
  universityId!: string;

  @Column('text', { name: 'college_id' })
  collegeId!: string;

  @Column('text', { array: true })
  disciplines!: string[];

  @Column('int')
  capacity!: number;

  @Column('boolean')
  available!: boolean;

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

  /** The state carried by every expert event. */
  toSnapshot(): ExpertSnapshotV1 {
    return {
      expertId: this.id,
      externalKey: this.externalKey,
      kind: this.kind,
      name: this.name,
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
}
