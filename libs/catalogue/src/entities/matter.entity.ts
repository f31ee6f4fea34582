import type { MatterFamily } from '@citygrid/departments';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { MatterKind } from '../catalogue-types';
import { CatalogueVersionEntity } from './catalogue-version.entity';
import { FilingConditionEntity } from './filing-condition.entity';

/** A matter of one catalogue version, keyed by (kind, code) within it. */
@Entity({ name: 'matters' })
@Index('UQ_MATTERS_VERSION_KIND_CODE', ['versionId', 'kind', 'code'], { unique: true })
export class MatterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  @ManyToOne(() => CatalogueVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: CatalogueVersionEntity;

  @Column({ type: 'text' })
  kind: MatterKind;

  @Column({ type: 'varchar', length: 5, collation: 'C' })
  code: string;

  @Column({ name: 'major_code', type: 'varchar', length: 2, collation: 'C' })
  majorCode: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  /** Lower-case pinyin initials of the Chinese name (暴露垃圾 → bllj), for search as people type it. */
  @Column({ name: 'name_initials', type: 'text' })
  nameInitials: string;

  @Column({ name: 'legacy_code_2013', type: 'text', nullable: true })
  legacyCode2013: string | null;

  @Column({ type: 'text' })
  family: MatterFamily;

  /** A city's own subclass (codes count down from 999 within a major class), not a national one. */
  @Column({ type: 'boolean', default: false })
  local: boolean;

  @OneToMany(() => FilingConditionEntity, (condition) => condition.matter, { cascade: true })
  filingConditions?: FilingConditionEntity[];
}
