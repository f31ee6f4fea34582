import { UserEntity } from '@citygrid/users';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** What a notice is about, dotted like job names. Known kinds; the column takes any text. */
export type NoticeKind = 'sla.warning' | 'sla.overdue' | 'sla.escalated' | 'case.supervised' | (string & {});

/**
 * An in-app notice to one user (DESIGN.md §7, `user:<id>`): stored, listed, marked read, and delivered through
 * the socket and any external channel. A notice with a `dedupeKey` is written at most once per user, so a job
 * that runs again after a retry does not notify twice.
 */
@Entity({ name: 'notices' })
@Index('IDX_NOTICES_USER_CREATED', ['userId', 'createdAt', 'id'])
@Index('IDX_NOTICES_USER_UNREAD', ['userId'], { where: 'read_at IS NULL' })
@Index('UQ_NOTICES_USER_DEDUPE', ['userId', 'dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  kind: NoticeKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /**
   * The case the notice is about. A plain id, no foreign key: features that own cases write notices, so this lib
   * does not import theirs.
   */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  /** Millisecond precision, so the list's cursor (a JavaScript Date) names a row exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
