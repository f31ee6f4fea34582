import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AreaClass } from '../area-layer';
import { AreaColumns } from './area-columns';
import { CommunityEntity } from './community.entity';
import { ResponsibilityGridEntity } from './responsibility-grid.entity';

/** 单元网格: the community's code + a 3-digit sequence; belongs to at most one responsibility grid. */
@Entity({ name: 'unit_grids' })
export class UnitGridEntity extends AreaColumns {
  @PrimaryColumn({ type: 'varchar', length: 15, collation: 'C' })
  code: string;

  @Index('IDX_UNIT_GRIDS_COMMUNITY')
  @Column({ name: 'community_code', type: 'varchar', length: 12, collation: 'C' })
  communityCode: string;

  @ManyToOne(() => CommunityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_code' })
  community?: CommunityEntity;

  @Index('IDX_UNIT_GRIDS_RESPONSIBILITY_GRID')
  @Column({ name: 'responsibility_grid_code', type: 'varchar', length: 13, collation: 'C', nullable: true })
  responsibilityGridCode: string | null;

  @ManyToOne(() => ResponsibilityGridEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsibility_grid_code' })
  responsibilityGrid?: ResponsibilityGridEntity;

  /** Core, general or fringe: selects the time limits of cases filed here (reference/domain.md §2.3). */
  @Column({ name: 'area_class', type: 'char', length: 1, default: AreaClass.B })
  areaClass: AreaClass;
}
