import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AreaColumns } from './area-columns';
import { StreetEntity } from './street.entity';

/** 社区/村: the street's code + 3 digits. */
@Entity({ name: 'communities' })
export class CommunityEntity extends AreaColumns {
  @PrimaryColumn({ type: 'varchar', length: 12, collation: 'C' })
  code: string;

  @Index('IDX_COMMUNITIES_STREET')
  @Column({ name: 'street_code', type: 'varchar', length: 9, collation: 'C' })
  streetCode: string;

  @ManyToOne(() => StreetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_code' })
  street?: StreetEntity;
}
