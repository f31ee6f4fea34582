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
import { MatterFamily } from './matter-family';

/**
 * A professional department (专业部门) or one of its sub-units (二级派遣单位, `parentId` set), with the areas it
 * serves: district, street or community codes, or none for the whole city.
 */
@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_DEPARTMENTS_CODE', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  family: MatterFamily;

  @Index('IDX_DEPARTMENTS_PARENT')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: DepartmentEntity;

  @Column({ name: 'area_codes', type: 'text', array: true, default: () => "'{}'" })
  areaCodes: string[];

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
