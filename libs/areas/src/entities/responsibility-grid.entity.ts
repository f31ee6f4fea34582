import { UserEntity } from '@citygrid/users';
import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryColumn } from 'typeorm';
import { AreaColumns } from './area-columns';
import { StreetEntity } from './street.entity';

/**
 * 责任网格: a named set of unit grids in one street, patrolled by its inspectors and owned by one grid
 * manager, who receives the cases filed in it (DESIGN.md §6).
 */
@Entity({ name: 'responsibility_grids' })
export class ResponsibilityGridEntity extends AreaColumns {
  @PrimaryColumn({ type: 'varchar', length: 13, collation: 'C' })
  code: string;

  @Index('IDX_RESPONSIBILITY_GRIDS_STREET')
  @Column({ name: 'street_code', type: 'varchar', length: 9, collation: 'C' })
  streetCode: string;

  @ManyToOne(() => StreetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_code' })
  street?: StreetEntity;

  /** True when the geometry is the union of the unit grids rather than drawn by hand. */
  @Column({ name: 'geometry_derived', type: 'boolean', default: false })
  geometryDerived: boolean;

  @Index('IDX_RESPONSIBILITY_GRIDS_MANAGER')
  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'manager_id' })
  manager?: UserEntity | null;

  @ManyToMany(() => UserEntity)
  @JoinTable({
    name: 'responsibility_grid_inspectors',
    joinColumn: { name: 'responsibility_grid_code', referencedColumnName: 'code' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  inspectors?: UserEntity[];
}
