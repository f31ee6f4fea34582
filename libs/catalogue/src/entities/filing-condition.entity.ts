import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AreaClassLimits } from '../catalogue-types';
import { MatterEntity } from './matter.entity';

/** 立案条件 with its 结案条件, urgency and time limits per area class. */
@Entity({ name: 'filing_conditions' })
@Index('UQ_FILING_CONDITIONS_MATTER_KEY', ['matterId', 'key'], { unique: true })
export class FilingConditionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'matter_id', type: 'uuid' })
  matterId: string;

  @ManyToOne(() => MatterEntity, (matter) => matter.filingConditions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id' })
  matter?: MatterEntity;

  @Column({ type: 'text' })
  key: string;

  @Column({ name: 'filing_zh', type: 'text' })
  filingZh: string;

  @Column({ name: 'filing_en', type: 'text' })
  filingEn: string;

  @Column({ name: 'closing_zh', type: 'text' })
  closingZh: string;

  @Column({ name: 'closing_en', type: 'text' })
  closingEn: string;

  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  @Column({ type: 'jsonb' })
  limits: AreaClassLimits;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ type: 'text' })
  source: string;
}
