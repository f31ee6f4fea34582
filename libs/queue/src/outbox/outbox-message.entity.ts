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
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
