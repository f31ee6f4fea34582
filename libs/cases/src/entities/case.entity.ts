import type { TimeLimit } from '@citygrid/calendar';
import { CatalogueVersionEntity } from '@citygrid/catalogue';
import { DepartmentEntity } from '@citygrid/departments';
import { UserEntity } from '@citygrid/users';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { PendingRequest } from '../workflow/case-action';
import { CaseStatus } from '../workflow/case-status';

export enum CaseSource {
  Inspector = 'inspector',
  Public = 'public',
  Hotline = 'hotline',
  Video = 'video',
  Referral = 'referral',
}

/**
 * A case (案件, DESIGN.md §3): what was reported where, under which catalogue version and filing condition,
 * where it stands, and its counters. `version` guards every change (optimistic concurrency).
 */
@Entity({ name: 'cases' })
@Index('UQ_CASES_IDEMPOTENCY', ['reporterId', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
@Index('IDX_CASES_STATUS_CREATED', ['status', 'createdAt'])
/** The sweep's look for cases whose routing job was lost (a Redis that restarted empty). */
@Index('IDX_CASES_UNROUTED', ['createdAt'], { where: 'routed_at IS NULL' })
@Check('CHK_CASES_VERSION_POSITIVE', 'version > 0')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** YYYYMMDD (city time zone) + a 6-digit sequence of the day. */
  @Index('UQ_CASES_NUMBER', { unique: true })
  @Column({ type: 'varchar', length: 14 })
  number: string;

  @Column({ type: 'text' })
  source: CaseSource;

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ name: 'catalogue_version_id', type: 'integer' })
  catalogueVersionId: number;

  @ManyToOne(() => CatalogueVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'catalogue_version_id' })
  catalogueVersion?: CatalogueVersionEntity;

  @Column({ name: 'matter_kind', type: 'text' })
  matterKind: string;

  @Column({ name: 'matter_code', type: 'varchar', length: 5 })
  matterCode: string;

  @Column({ name: 'filing_condition_key', type: 'text' })
  filingConditionKey: string;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ name: 'source_crs', type: 'text', nullable: true })
  sourceCrs: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Index('IDX_CASES_UNIT_GRID')
  @Column({ name: 'unit_grid_code', type: 'varchar', length: 15, nullable: true })
  unitGridCode: string | null;

  @Column({ name: 'responsibility_grid_code', type: 'varchar', length: 13, nullable: true })
  responsibilityGridCode: string | null;

  @Column({ name: 'community_code', type: 'varchar', length: 12, nullable: true })
  communityCode: string | null;

  @Index('IDX_CASES_STREET')
  @Column({ name: 'street_code', type: 'varchar', length: 9, nullable: true })
  streetCode: string | null;

  @Column({ name: 'area_class', type: 'char', length: 1, nullable: true })
  areaClass: string | null;

  /** The location is in no unit grid: accepted anyway, and routed to the dispatch center's pool. */
  @Column({ name: 'out_of_grid', type: 'boolean', default: false })
  outOfGrid: boolean;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'reporter_id', type: 'uuid', nullable: true })
  reporterId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id' })
  reporter?: UserEntity;

  @Column({ name: 'reporter_contact', type: 'text', nullable: true })
  reporterContact: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Index('IDX_CASES_DEPARTMENT')
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;

  /** When the routing job placed the case (owner and suggested department); null until then. */
  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true })
  routedAt: Date | null;

  /** The department the routing rules name: the dispatcher's suggestion, or where auto-dispatch sent it. */
  @Column({ name: 'routed_department_id', type: 'uuid', nullable: true })
  routedDepartmentId: string | null;

  @Column({ name: 'self_handled', type: 'boolean', default: false })
  selfHandled: boolean;

  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  @Column({ type: 'boolean', default: false })
  supervised: boolean;

  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  @Column({ name: 'rework_count', type: 'integer', default: 0 })
  reworkCount: number;

  @Column({ name: 'return_count', type: 'integer', default: 0 })
  returnCount: number;

  /** The handling limit of the filing condition for the case's area class, fixed at intake. */
  @Column({ name: 'handle_limit', type: 'jsonb' })
  handleLimit: TimeLimit;

  /** When the current step began: the status's deadline counts from here. */
  @Column({ name: 'step_started_at', type: 'timestamptz' })
  stepStartedAt: Date;

  /** The current step's 80 % instant (yellow); null while no clock runs (suspended, closed, cancelled). */
  @Column({ name: 'step_warn_at', type: 'timestamptz', nullable: true })
  stepWarnAt: Date | null;

  /** The current step's deadline (red after it), approved extensions included. */
  @Index('IDX_CASES_STEP_DEADLINE')
  @Column({ name: 'step_deadline', type: 'timestamptz', nullable: true })
  stepDeadline: Date | null;

  /** Handling runs from dispatch (signing is part of it) until feedback; restarted by rework. */
  @Column({ name: 'handle_started_at', type: 'timestamptz', nullable: true })
  handleStartedAt: Date | null;

  /** Approved postponements and suspended time, added to the handling limit in order. */
  @Column({ name: 'handle_extensions', type: 'jsonb', default: () => "'[]'" })
  handleExtensions: TimeLimit[];

  /** The extension a pending postponement request asks for. */
  @Column({ name: 'requested_extension', type: 'jsonb', nullable: true })
  requestedExtension: TimeLimit | null;

  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  /** The highest deadline threshold (percent) already acted on in the current step; 0 when none. */
  @Column({ name: 'sla_stage', type: 'smallint', default: 0 })
  slaStage: number;

  /** When the next threshold of the current step falls (80 %, 100 %, a rung); null when none is left. */
  @Index('IDX_CASES_SLA_NEXT', { where: 'sla_next_at IS NOT NULL' })
  @Column({ name: 'sla_next_at', type: 'timestamptz', nullable: true })
  slaNextAt: Date | null;

  /** Requests waiting for approval (return, postponement, suspension, cancellation). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  pending: PendingRequest[];

  @Column({ type: 'integer', default: 1 })
  version: number;

  /**
   * The board's change cursor: a city-wide sequence that a trigger moves on every insert and update, so a
   * client that missed events asks for the changes after the last one it saw (DESIGN.md §7).
   */
  @Index('IDX_CASES_CHANGE_SEQ')
  @Column({
    name: 'change_seq',
    type: 'bigint',
    insert: false,
    update: false,
    default: () => "nextval('case_change_seq')",
  })
  changeSeq: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
