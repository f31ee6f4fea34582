/**
 * Units of a time limit (DESIGN.md §5, reference/domain.md §2.3). Urgent units run on a continuous clock;
 * working units count only the calendar's working periods. HOUR and DAY are what city standards write as
 * 小时 and 天; they mean working hours and working days unless a deployment configures them as natural time.
 */
export enum TimeUnit {
  /** Continuous minutes (step limits such as "verify within 30 min"). */
  URGENT_MINUTE = 'URGENT_MINUTE',
  /** Minutes inside working periods. */
  WORK_MINUTE = 'WORK_MINUTE',
  /** 紧急工作时: a continuous hour. */
  URGENT_HOUR = 'URGENT_HOUR',
  /** 工作时: an hour inside working periods. */
  WORK_HOUR = 'WORK_HOUR',
  /** 工作日: as many working minutes as a standard working day has (8 hours by default). */
  WORK_DAY = 'WORK_DAY',
  /** 紧急工作日: 24 continuous hours. */
  URGENT_WORK_DAY = 'URGENT_WORK_DAY',
  /** 小时 as written in a standard. */
  HOUR = 'HOUR',
  /** 天 as written in a standard. */
  DAY = 'DAY',
}

/** A time limit: "2 URGENT_HOUR", "15 DAY". */
export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}
