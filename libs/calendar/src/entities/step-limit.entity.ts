import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TimeUnit } from '../time-unit';
import type { Step } from '../step-limits';

/** A configured limit for one step of the closed loop (handling's comes from the filing condition instead). */
@Entity({ name: 'step_limits' })
export class StepLimitEntity {
  @PrimaryColumn({ type: 'text' })
  step: Step;

  @Column({ type: 'double precision' })
  amount: number;

  @Column({ type: 'text' })
  unit: TimeUnit;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
