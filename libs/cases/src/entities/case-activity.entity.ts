import type { TimeLimit } from '@citygrid/calendar';
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

/** What an activity decided beyond the status change. */
export interface ActivityDetails {
  source?: string;
  selfHandled?: boolean;
  outOfGrid?: boolean;
  /** Dispatch: the department the case went to. */
  departmentId?: string;
  /** The extension asked (request) or granted (approval). */
  extension?: TimeLimit | null;
  /** The handling deadline after dispatch, a postponement or a resume. */
  handleDeadline?: Date | null;
  /** Routing: the owner found, how (grid, street or the center's pool), and the rule that named the department. */
  ownerId?: string | null;
  ownerVia?: 'grid' | 'street' | 'center';
  routingRuleId?: string | null;
  autoDispatch?: boolean;
  /** A deadline threshold the system acted on (percent of the step's limit). */
  threshold?: number;
}

/**
 * One step of a case, written when it ends: who did what, from which state to which, with what opinion and
 * photos, when the step started and ended, and its deadline. Append-only: the database refuses to update or
 * delete a row (trigger in the migration). Evaluation and the SLA history come from these rows alone.
 */
@Entity({ name: 'case_activities' })
@Index('IDX_CASE_ACTIVITIES_CASE', ['caseId', 'id'])
// Evaluation reads a day's rows by their end, and the steps in progress at an instant (a GiST index on
// tstzrange(started_at, ended_at), made by the CreateEvaluation migration; TypeORM cannot describe it).
@Index('IDX_CASE_ACTIVITIES_ENDED_AT', ['endedAt'])
@Index('IDX_CASE_ACTIVITIES_STEP_SPAN', { synchronize: false })
export class CaseActivityEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  action: string;

  /** The department the case was with during the step (handling steps are counted per department). */
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  /** What the action decided beyond the status: the department dispatched to, the extension granted. */
  @Column({ type: 'jsonb', nullable: true })
  details: ActivityDetails | null;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: string;

  @Column({ type: 'text', nullable: true })
  opinion: string | null;

  @Column({ name: 'photo_ids', type: 'uuid', array: true, default: () => "'{}'" })
  photoIds: string[];

  /** When the step this row ends began (the previous row's end, or the report). */
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deadline: Date | null;

  /** The deadline after approved extensions. */
  @Column({ name: 'extended_deadline', type: 'timestamptz', nullable: true })
  extendedDeadline: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
