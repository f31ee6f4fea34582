import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DayKind } from '../working-calendar';

/** A day the calendar names explicitly: a working or a non-working day, and why. */
abstract class ExplicitDayColumns {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  kind: DayKind;

  @Column({ type: 'text' })
  note: string;
}

/** A public holiday or make-up working day (调休) from the shipped data (chinese-days). */
@Entity({ name: 'calendar_days' })
export class CalendarDayEntity extends ExplicitDayColumns {}

/** A city's own decision about a day (a typhoon closure, a local holiday); it wins over the shipped data. */
@Entity({ name: 'calendar_overrides' })
export class CalendarOverrideEntity extends ExplicitDayColumns {
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A year whose holidays are known: from the shipped data, or declared by an admin who entered them. */
@Entity({ name: 'calendar_years' })
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  source: 'shipped' | 'admin';
}

/** The deployment's working periods and how plain 小时/天 are read; one row. */
@Entity({ name: 'calendar_settings' })
export class CalendarSettingsEntity {
  @PrimaryColumn({ type: 'integer', default: 1 })
  id: number;

  @Column({ type: 'jsonb' })
  periods: Array<{ start: string; end: string }>;

  @Column({ name: 'plain_units', type: 'text' })
  plainUnits: 'working' | 'natural';

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
