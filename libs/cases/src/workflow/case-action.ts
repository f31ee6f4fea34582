/**
 * What can be done to a case (DESIGN.md §4). Requests that need approval are two actions: the request sets a
 * pending flag, the approval (or refusal) acts on it.
 */
export enum CaseAction {
  SendToVerify = 'send_to_verify', // 发核实
  ReportVerified = 'report_verified', // 核实反馈
  Reject = 'reject', // 不予受理
  File = 'file', // 立案
  AuditSelfHandled = 'audit_self_handled', // 自处理审核通过
  Dispatch = 'dispatch', // 派遣
  Sign = 'sign', // 签收
  Feedback = 'feedback', // 处理反馈
  ApproveFeedback = 'approve_feedback', // 督查通过
  RejectFeedback = 'reject_feedback', // 督查不通过
  CheckPassed = 'check_passed', // 核查通过
  CheckFailed = 'check_failed', // 核查不通过 (返工)
  Close = 'close', // 结案
  RequestReturn = 'request_return', // 申请回退
  ApproveReturn = 'approve_return', // 回退审批通过
  RefuseReturn = 'refuse_return',
  RequestPostponement = 'request_postponement', // 申请延期
  ApprovePostponement = 'approve_postponement',
  RefusePostponement = 'refuse_postponement',
  RequestSuspension = 'request_suspension', // 申请挂账
  ApproveSuspension = 'approve_suspension',
  RefuseSuspension = 'refuse_suspension',
  Resume = 'resume', // 挂账恢复
  RequestCancellation = 'request_cancellation', // 申请作废
  ApproveCancellation = 'approve_cancellation',
  RefuseCancellation = 'refuse_cancellation',
  Supervise = 'supervise', // 督办
}

/** Requests waiting for an approval; at most one of each kind at a time. */
export enum PendingRequest {
  Return = 'return',
  Postponement = 'postponement',
  Suspension = 'suspension',
  Cancellation = 'cancellation',
}
