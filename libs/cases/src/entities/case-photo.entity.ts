import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseEntity } from './case.entity';

export enum PhotoStage {
  Report = 'report',
  Handling = 'handling',
  Check = 'check',
  /** Sent with any other action (a dispatch note, a supervision order). */
  Attachment = 'attachment',
}

/** A photo of a case, stored (resized, with a thumbnail) behind PhotoStorage; the row keeps where. */
@Entity({ name: 'case_photos' })
export class CasePhotoEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_CASE_PHOTOS_CASE')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  stage: PhotoStage;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ name: 'thumbnail_key', type: 'text' })
  thumbnailKey: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'integer' })
  bytes: number;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
