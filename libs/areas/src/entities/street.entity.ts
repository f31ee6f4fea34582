import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AreaColumns } from './area-columns';
import { DistrictEntity } from './district.entity';

/** 街道/乡镇: the district's code + 3 digits. */
@Entity({ name: 'streets' })
export class StreetEntity extends AreaColumns {
  @PrimaryColumn({ type: 'varchar', length: 9, collation: 'C' })
  code: string;

  @Index('IDX_STREETS_DISTRICT')
  @Column({ name: 'district_code', type: 'varchar', length: 6, collation: 'C' })
  districtCode: string;

  @ManyToOne(() => DistrictEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_code' })
  district?: DistrictEntity;
}
