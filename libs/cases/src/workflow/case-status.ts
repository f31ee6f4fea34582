/** The states of a case (DESIGN.md §4). */
export enum CaseStatus {
  Reported = 'REPORTED', // 待受理
  Verifying = 'VERIFYING', // 核实中
  PendingDispatch = 'PENDING_DISPATCH', // 已立案待派遣
  Dispatched = 'DISPATCHED', // 待签收
  Handling = 'HANDLING', // 处置中
  Suspended = 'SUSPENDED', // 挂账
  PendingReview = 'PENDING_REVIEW', // 处理反馈待审核
  Checking = 'CHECKING', // 核查中
  PendingClose = 'PENDING_CLOSE', // 待结案
  Closed = 'CLOSED', // 已结案
  Cancelled = 'CANCELLED', // 作废 / 不予受理 / 不予立案
}

export const TERMINAL_STATUSES: readonly CaseStatus[] = [CaseStatus.Closed, CaseStatus.Cancelled];
