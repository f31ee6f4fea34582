import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One version of the catalogue. Every edit makes a new version (a copy with the change); exactly one is
 * current, and a case keeps the version it was filed under, so its filing condition and limits never shift.
 */
@Entity({ name: 'catalogue_versions' })
@Index('UQ_CATALOGUE_VERSIONS_CURRENT', ['current'], { unique: true, where: 'current' })
export class CatalogueVersionEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'based_on', type: 'integer', nullable: true })
  basedOn: number | null;

  @Column({ type: 'boolean', default: false })
  current: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
