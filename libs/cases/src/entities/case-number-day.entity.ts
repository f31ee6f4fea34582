import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last case number handed out on a day (city time zone); one row per day, locked while incremented. */
@Entity({ name: 'case_number_days' })
export class CaseNumberDayEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence: number;
}
