import type { JobEnvelope } from '../job-payloads';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The transactional outbox (DESIGN.md §6): a job to enqueue, written in the same transaction as the change
 * that causes it, so no case is lost when Redis is down. The relay moves unsent rows into BullMQ with
 * `jobId` as the job id (idempotent) and stamps `sentAt`.
 */
@Entity({ name: 'outbox_messages' })
@Index('IDX_OUTBOX_MESSAGES_UNSENT', ['id'], { where: 'sent_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  @Column({ name: 'job_id', type: 'text' })
  jobId: string;

  @Column({ type: 'jsonb' })
  payload: JobEnvelope;

  /** BullMQ priority (1 is first); null for none. */
  @Column({ type: 'integer', nullable: true })
  priority: number | null;

  /** When the job is due: the relay delays it until then (deadline timers). */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt: Date | null;

  /** A job with this id that already ran or waits is replaced (a timer moved), not kept. */
  @Column({ type: 'boolean', default: false })
  replace: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
