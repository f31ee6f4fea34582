import type { Role } from '@citygrid/common';
import { DepartmentEntity } from '@citygrid/departments';
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

/**
 * A person who signs in: one or more roles (DESIGN.md §3) and a scope, either areas (`areaCodes`, plus the
 * responsibility grids they manage or patrol) or a department (`departmentId`). City-wide roles need neither.
 */
@Entity({ name: 'users' })
@Check('CHK_USERS_ROLES_NOT_EMPTY', `cardinality(roles) > 0`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_USERS_USERNAME', { unique: true })
  @Column({ type: 'text' })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ name: 'area_codes', type: 'text', array: true, default: () => "'{}'" })
  areaCodes: string[];

  @Index('IDX_USERS_DEPARTMENT')
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Consecutive failed sign-ins; reset by a successful one. */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Sessions opened before this are ended: a new password shuts out whoever knew the old one. */
  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
