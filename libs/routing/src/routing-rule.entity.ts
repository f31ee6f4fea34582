import { DepartmentEntity, type MatterFamily } from '@citygrid/departments';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * Which department a case goes to: the first enabled rule, by position, whose every given criterion holds
 * (DESIGN.md §6). A criterion left empty matches anything.
 */
@Entity({ name: 'routing_rules' })
export class RoutingRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_ROUTING_RULES_POSITION')
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  /** component or event; with matterCode a single matter, with majorCode a major class. */
  @Column({ name: 'matter_kind', type: 'text', nullable: true })
  matterKind: string | null;

  @Column({ name: 'matter_code', type: 'varchar', length: 5, nullable: true })
  matterCode: string | null;

  @Column({ name: 'major_code', type: 'varchar', length: 2, nullable: true })
  majorCode: string | null;

  @Column({ type: 'text', nullable: true })
  family: MatterFamily | null;

  /** A district, street, community or unit grid code (matches the grid and everything inside), or a responsibility grid code. */
  @Column({ name: 'area_code', type: 'text', nullable: true })
  areaCode: string | null;

  /** Local time of day, 'HH:mm'; a window may run past midnight (22:00–06:00). */
  @Column({ name: 'window_start', type: 'text', nullable: true })
  windowStart: string | null;

  @Column({ name: 'window_end', type: 'text', nullable: true })
  windowEnd: string | null;

  @Index('IDX_ROUTING_RULES_DEPARTMENT')
  @Column({ name: 'department_id', type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;

  /** Dispatch without waiting for a dispatcher when this rule routes a case. */
  @Column({ name: 'auto_dispatch', type: 'boolean', default: false })
  autoDispatch: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
