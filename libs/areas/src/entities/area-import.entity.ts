import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AreaLayer } from '../area-layer';
import type { Crs } from '../geometry/geo-types';

export enum AreaImportStatus {
  Running = 'running',
  Succeeded = 'succeeded',
  Rejected = 'rejected',
  Failed = 'failed',
}

export enum AreaImportPhase {
  Checking = 'checking',
  Writing = 'writing',
  Done = 'done',
}

/**
 * One GeoJSON layer import and its progress. The import is checked as a whole and written in one
 * transaction, so it either lands entirely or not at all; this row tells how far it got and why it failed.
 */
@Entity({ name: 'area_imports' })
export class AreaImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  layer: AreaLayer;

  @Column({ type: 'text' })
  crs: Crs;

  @Column({ name: 'tolerance_m2', type: 'double precision' })
  toleranceM2: number;

  @Column({ type: 'text' })
  status: AreaImportStatus;

  @Column({ type: 'text' })
  phase: AreaImportPhase;

  @Column({ type: 'integer' })
  total: number;

  @Column({ type: 'integer', default: 0 })
  processed: number;

  @Column({ type: 'integer', default: 0 })
  created: number;

  @Column({ type: 'integer', default: 0 })
  updated: number;

  /** LayerProblem objects (every problem of a rejected import, up to a cap). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  problems: object[];

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Touched with every progress step: a running import whose heartbeat stops was cut off by a restart. */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
