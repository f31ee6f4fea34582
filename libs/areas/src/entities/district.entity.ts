import { Entity, PrimaryColumn } from 'typeorm';
import { AreaColumns } from './area-columns';

/** 区/县: 6-digit GB/T 2260 code. */
@Entity({ name: 'districts' })
export class DistrictEntity extends AreaColumns {
  @PrimaryColumn({ type: 'varchar', length: 6, collation: 'C' })
  code: string;
}
