import type { INestApplicationContext } from '@nestjs/common';
import { CaseAction as A, CaseSource, type CaseDetailDto } from '@citygrid/cases';
import {
  EvaluationBuilder,
  type EvaluationDetail as Detail,
  type EvaluationRow as Row,
  type EvaluationTable as Table,
} from '@citygrid/evaluation';
import { DataSource } from 'typeorm';
import { errorCode, errorDetails, signIn, type ApiClient, type ApiResponse } from '../support/api-client';
import { act, photo, report } from '../support/cases';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';
import { centreOf } from '../support/demo-city-points';
import {
  COUNTER_NAMES,
  counters,
  insertScenario,
  RATE_NAMES,
  rates,
  type ScenarioCase,
} from '../support/evaluation-scenario';
import { pollUntil } from '../support/poll-until';

/*
 * Evaluation checked against a scenario worked out by hand from docs/evaluation.md.
 *
 * Three past city days: D1 = Mon 2026-10-12, D2 = Tue 2026-10-13, D3 = Wed 2026-10-14. Step limits are plain
 * minutes (test/support/evaluation-scenario.ts): accept 10, verify 30, dispatch 10, sign 60, handle 240 from
 * dispatch or rework (+ postponements + suspended time), review 30, check 30, close 30. "ot" = on time.
 *
 * Places: U1 = 330191001001001 and U2 = 330191001001002 (桂花社区, responsibility grid R001: gm-1, inspector-1),
 * U3 = 330191001002001 (梧桐社区, R006: inspector-6) — all three in street S1 = 330191001 (望江街道, 500 unit
 * grids); U4 = 330191002001001 in street S2 = 330191002 (清波街道, inspector-26); U5 = 330192001001001 in street
 * S3 = 330192001 (湖墅街道, inspector-51), with one case only (C10).
 * People: ACC acceptor, DIS dispatcher, SL shiftleader, GM1 gm-1 (files and dispatches as a grid manager), SUP
 * supervisor, HM/HE/HS the municipal, enforcement and sanitation handlers of district 330191.
 * Departments: MUN municipal-330191, ENF enforcement-330191, SAN sanitation-330191.
 */
const U1 = '330191001001001';
const U2 = '330191001001002';
const U3 = '330191001002001';
const U4 = '330191002001001';
const U5 = '330192001001001';
const S1 = '330191001';
const S2 = '330191002';
const S3 = '330192001';
const I1 = 'inspector-1';
const I6 = 'inspector-6';
const I26 = 'inspector-26';
const I51 = 'inspector-51';
const ACC = 'acceptor';
const DIS = 'dispatcher';
const SL = 'shiftleader';
const GM1 = 'gm-1';
const SUP = 'supervisor';
const HM = 'handler-municipal-1';
const HE = 'handler-enforcement-1';
const HS = 'handler-sanitation-1';
const MUN = 'municipal-330191';
const ENF = 'enforcement-330191';

const inspectorCase = (key: string, unitGrid: string, reporter: string, reportedAt: string) => ({
  key,
  unitGrid,
  source: CaseSource.Inspector,
  reporter,
  reportedAt,
  matter: 'municipal' as const,
});
const deskCase = (key: string, unitGrid: string, source: CaseSource, reportedAt: string) => ({
  key,
  unitGrid,
  source,
  reporter: ACC,
  reportedAt,
  matter: 'municipal' as const,
});

const SCENARIO: ScenarioCase[] = [
  // ---------------------------------------------------------------- D1, 2026-10-12
  {
    // A01 U1: the main path, every step on time, closed D1 → closedOnTime; DIS accurate.
    ...inspectorCase('A01', U1, I1, '10-12 09:00'),
    steps: [
      [A.File, '10-12 09:05', ACC],
      [A.Dispatch, '10-12 09:12', DIS, { department: MUN }],
      [A.Sign, '10-12 09:40', HM],
      [A.Feedback, '10-12 11:00', HM], // handle due 13:12: ot
      [A.ApproveFeedback, '10-12 11:10', DIS],
      [A.CheckPassed, '10-12 11:30', I1], // check due 11:40: ot
      [A.Close, '10-12 11:40', SL],
    ],
  },
  {
    // A02 U1: filed late (25 min), handled late (due 12:30), checked late (due 14:10) → closedOverdue D1.
    ...inspectorCase('A02', U1, I1, '10-12 08:00'),
    steps: [
      [A.File, '10-12 08:25', ACC],
      [A.Dispatch, '10-12 08:30', DIS, { department: MUN }],
      [A.Sign, '10-12 09:00', HM],
      [A.Feedback, '10-12 13:30', HM],
      [A.ApproveFeedback, '10-12 13:40', DIS],
      [A.CheckPassed, '10-12 14:40', I1],
      [A.Close, '10-12 14:50', SL],
    ],
  },
  {
    // A03 U2 hotline: sent to verify (ot, accepted #1), verified by I1 ot, filed ot (accepted #2, filedPublic),
    // handled ot, closed D1 on time.
    ...deskCase('A03', U2, CaseSource.Hotline, '10-12 09:30'),
    steps: [
      [A.SendToVerify, '10-12 09:33', ACC],
      [A.ReportVerified, '10-12 09:50', I1], // verify due 10:03
      [A.File, '10-12 09:56', ACC], // accept due 10:00
      [A.Dispatch, '10-12 10:00', DIS, { department: MUN }],
      [A.Sign, '10-12 10:20', HM],
      [A.Feedback, '10-12 12:30', HM],
      [A.ApproveFeedback, '10-12 12:40', DIS],
      [A.CheckPassed, '10-12 13:00', I1],
      [A.Close, '10-12 13:10', SL],
    ],
  },
  {
    // A04 U1 rework: feedback ot, check failed (rework, check ot), handling restarts 14:20, second feedback
    // ot (due 18:20), check passed D1; closed D2 08:30 (the close step itself is late) → closedOnTime on D2.
    ...inspectorCase('A04', U1, I1, '10-12 10:00'),
    steps: [
      [A.File, '10-12 10:04', ACC],
      [A.Dispatch, '10-12 10:10', DIS, { department: MUN }],
      [A.Sign, '10-12 10:30', HM],
      [A.Feedback, '10-12 12:00', HM],
      [A.ApproveFeedback, '10-12 14:00', DIS],
      [A.CheckFailed, '10-12 14:20', I1],
      [A.Feedback, '10-12 16:00', HM],
      [A.ApproveFeedback, '10-12 16:10', DIS],
      [A.CheckPassed, '10-12 16:30', I1],
      [A.Close, '10-13 08:30', SL],
    ],
  },
  {
    // A05 U3 return: dispatched to ENF (wrong), ENF asks to return, DIS approves (returned, for ENF),
    // re-dispatched to MUN, handled ot, closed D1 on time → DIS: 1 wrong (ENF) + 1 accurate (MUN).
    ...inspectorCase('A05', U3, I6, '10-12 09:00'),
    steps: [
      [A.File, '10-12 09:06', ACC],
      [A.Dispatch, '10-12 09:10', DIS, { department: ENF }],
      [A.Sign, '10-12 09:30', HE],
      [A.RequestReturn, '10-12 09:40', HE],
      [A.ApproveReturn, '10-12 09:50', DIS],
      [A.Dispatch, '10-12 09:55', DIS, { department: MUN }], // dispatch due 10:00
      [A.Sign, '10-12 10:10', HM],
      [A.Feedback, '10-12 12:00', HM], // due 13:55
      [A.ApproveFeedback, '10-12 12:10', DIS],
      [A.CheckPassed, '10-12 12:30', I6],
      [A.Close, '10-12 12:40', SL],
    ],
  },
  {
    // A06 U1 postponement: 2 h granted; feedback at 14:00 is past the limit (12:40) but within the
    // extension (14:40) → handled on time, postponed 1, closed D1 on time.
    ...inspectorCase('A06', U1, I1, '10-12 08:30'),
    steps: [
      [A.File, '10-12 08:35', ACC],
      [A.Dispatch, '10-12 08:40', DIS, { department: MUN }],
      [A.Sign, '10-12 09:00', HM],
      [A.RequestPostponement, '10-12 11:00', HM, { extensionMinutes: 120 }],
      [A.ApprovePostponement, '10-12 11:30', DIS, { extensionMinutes: 120 }],
      [A.Feedback, '10-12 14:00', HM],
      [A.ApproveFeedback, '10-12 14:10', DIS],
      [A.CheckPassed, '10-12 14:30', I1],
      [A.Close, '10-12 14:40', SL],
    ],
  },
  {
    // A07 U2 suspension: suspended D1 11:10 (suspended 1 on D1; SUSPENDED, open, not overdue at D1's end),
    // resumed D2 09:10 (handling due moves by the 22 h it stood: D2 12:10), feedback D2 11:00 ot, closed D2.
    ...inspectorCase('A07', U2, I1, '10-12 10:00'),
    steps: [
      [A.File, '10-12 10:05', ACC],
      [A.Dispatch, '10-12 10:10', DIS, { department: MUN }],
      [A.Sign, '10-12 10:30', HM],
      [A.RequestSuspension, '10-12 10:50', HM],
      [A.ApproveSuspension, '10-12 11:10', DIS],
      [A.Resume, '10-13 09:10', DIS],
      [A.Feedback, '10-13 11:00', HM],
      [A.ApproveFeedback, '10-13 11:10', DIS],
      [A.CheckPassed, '10-13 11:30', I1],
      [A.Close, '10-13 11:40', SL],
    ],
  },
  {
    // A08 U1 cancellation of a filed, dispatched case (cancelled 1 for U1 and MUN; against ACC, who filed).
    ...inspectorCase('A08', U1, I1, '10-12 11:00'),
    steps: [
      [A.File, '10-12 11:05', ACC],
      [A.Dispatch, '10-12 11:10', DIS, { department: MUN }],
      [A.RequestCancellation, '10-12 11:20', DIS],
      [A.ApproveCancellation, '10-12 11:30', SL],
    ],
  },
  // A09 U2 hotline: rejected ot (accepted, rejected).
  { ...deskCase('A09', U2, CaseSource.Hotline, '10-12 14:00'), steps: [[A.Reject, '10-12 14:04', ACC]] },
  {
    // A10 U1 self-handled: audited ot (accepted, valid), closed → closedOnTime and selfHandledClosed.
    ...inspectorCase('A10', U1, I1, '10-12 15:00'),
    selfHandled: true,
    steps: [
      [A.AuditSelfHandled, '10-12 15:08', ACC],
      [A.Close, '10-12 15:20', SL],
    ],
  },
  {
    // A11 U1 public: sent to verify ot, verified late by I1 (40 min > 30), then rejected ot (accepted twice).
    ...deskCase('A11', U1, CaseSource.Public, '10-12 16:00'),
    steps: [
      [A.SendToVerify, '10-12 16:05', ACC],
      [A.ReportVerified, '10-12 16:45', I1],
      [A.Reject, '10-12 16:50', ACC],
    ],
  },
  {
    // A12 U1: reported and dispatched late on D1 (handling due 20:10), open and overdue in HANDLING at the
    // ends of D1 and D2; fed back late and closed on D3 → closedOverdue counts on D3.
    ...inspectorCase('A12', U1, I1, '10-12 16:00'),
    steps: [
      [A.File, '10-12 16:05', ACC],
      [A.Dispatch, '10-12 16:10', DIS, { department: MUN }],
      [A.Sign, '10-12 16:30', HM],
      [A.Feedback, '10-14 09:00', HM],
      [A.ApproveFeedback, '10-14 09:10', DIS],
      [A.CheckPassed, '10-14 09:30', I1],
      [A.Close, '10-14 09:40', SL],
    ],
  },
  {
    // A13 U2 public: sent to verify ot, then cancelled while VERIFYING → not counted as cancelled.
    ...deskCase('A13', U2, CaseSource.Public, '10-12 17:00'),
    steps: [
      [A.SendToVerify, '10-12 17:05', ACC],
      [A.RequestCancellation, '10-12 17:10', ACC],
      [A.ApproveCancellation, '10-12 17:20', SL],
    ],
  },
  {
    // A14 U1 sanitation: routing filed and dispatched it to SAN by itself (actor: system, so no acceptor or
    // dispatcher gets it; U1 and SAN do), handled ot, closed D1 on time.
    ...inspectorCase('A14', U1, I1, '10-12 13:00'),
    matter: 'sanitation',
    autoDispatchTo: 'sanitation-330191',
    steps: [
      [A.Sign, '10-12 13:30', HS],
      [A.Feedback, '10-12 15:00', HS],
      [A.ApproveFeedback, '10-12 15:10', DIS],
      [A.CheckPassed, '10-12 15:30', I1],
      [A.Close, '10-12 15:40', SL],
    ],
  },
  // ---------------------------------------------------------------- D2, 2026-10-13
  {
    // B01 U1: GM1 files, dispatches and approves; all ot, closed D2.
    ...inspectorCase('B01', U1, I1, '10-13 09:00'),
    steps: [
      [A.File, '10-13 09:03', GM1],
      [A.Dispatch, '10-13 09:08', GM1, { department: MUN }],
      [A.Sign, '10-13 09:30', HM],
      [A.Feedback, '10-13 11:00', HM],
      [A.ApproveFeedback, '10-13 11:10', GM1],
      [A.CheckPassed, '10-13 11:30', I1],
      [A.Close, '10-13 11:40', SL],
    ],
  },
  {
    // B02 U3: dispatched late (20 min), handled ot, closed D2 on time.
    ...inspectorCase('B02', U3, I6, '10-13 09:00'),
    steps: [
      [A.File, '10-13 09:05', ACC],
      [A.Dispatch, '10-13 09:25', DIS, { department: MUN }],
      [A.Sign, '10-13 09:40', HM],
      [A.Feedback, '10-13 12:00', HM],
      [A.ApproveFeedback, '10-13 12:10', DIS],
      [A.CheckPassed, '10-13 12:30', I6],
      [A.Close, '10-13 12:40', SL],
    ],
  },
  {
    // B03 U1: signed and never fed back: open and overdue in HANDLING (due D2 12:10) at the ends of D2 and D3.
    ...inspectorCase('B03', U1, I1, '10-13 08:00'),
    steps: [
      [A.File, '10-13 08:05', ACC],
      [A.Dispatch, '10-13 08:10', DIS, { department: MUN }],
      [A.Sign, '10-13 08:40', HM],
    ],
  },
  {
    // B04 U2: filed D2 23:45 ot, dispatched only D3 08:00 (late): at D2's end PENDING_DISPATCH, overdue
    // (due 23:55) and with no department yet; on D3 handled ot, feedback approved, never checked: open and
    // overdue in CHECKING (due D3 10:40) at D3's end.
    ...inspectorCase('B04', U2, I1, '10-13 23:40'),
    steps: [
      [A.File, '10-13 23:45', ACC],
      [A.Dispatch, '10-14 08:00', DIS, { department: MUN }],
      [A.Sign, '10-14 08:30', HM],
      [A.Feedback, '10-14 10:00', HM],
      [A.ApproveFeedback, '10-14 10:10', DIS],
    ],
  },
  {
    // B05 U4 (S2) public, filed straight away (filedPublic), handled late (due 13:10), closed D2 overdue.
    ...deskCase('B05', U4, CaseSource.Public, '10-13 09:00'),
    steps: [
      [A.File, '10-13 09:05', ACC],
      [A.Dispatch, '10-13 09:10', DIS, { department: MUN }],
      [A.Sign, '10-13 09:30', HM],
      [A.Feedback, '10-13 14:00', HM],
      [A.ApproveFeedback, '10-13 14:10', DIS],
      [A.CheckPassed, '10-13 14:30', I26],
      [A.Close, '10-13 14:40', SL],
    ],
  },
  {
    // B06 U4 (S2): all ot, closed D2.
    ...inspectorCase('B06', U4, I26, '10-13 10:00'),
    steps: [
      [A.File, '10-13 10:05', ACC],
      [A.Dispatch, '10-13 10:10', DIS, { department: MUN }],
      [A.Sign, '10-13 10:30', HM],
      [A.Feedback, '10-13 12:00', HM],
      [A.ApproveFeedback, '10-13 12:10', DIS],
      [A.CheckPassed, '10-13 12:30', I26],
      [A.Close, '10-13 12:40', SL],
    ],
  },
  {
    // B07 U1: suspended D2 10:00 and never resumed: open, not overdue (suspended) at the ends of D2 and D3.
    ...inspectorCase('B07', U1, I1, '10-13 08:30'),
    steps: [
      [A.File, '10-13 08:35', ACC],
      [A.Dispatch, '10-13 08:40', DIS, { department: MUN }],
      [A.Sign, '10-13 09:00', HM],
      [A.RequestSuspension, '10-13 09:30', HM],
      [A.ApproveSuspension, '10-13 10:00', DIS],
    ],
  },
  // B08 U2: an inspector's report rejected late (30 min): accepted late, rejected, not valid.
  { ...inspectorCase('B08', U2, I1, '10-13 10:00'), steps: [[A.Reject, '10-13 10:30', ACC]] },
  {
    // B09 U1: supervised (督办) while handling; at D2's end open and overdue in HANDLING (due 18:10); fed back
    // late on D3, closed D3 overdue.
    ...inspectorCase('B09', U1, I1, '10-13 14:00'),
    steps: [
      [A.File, '10-13 14:05', ACC],
      [A.Dispatch, '10-13 14:10', DIS, { department: MUN }],
      [A.Sign, '10-13 14:30', HM],
      [A.Supervise, '10-13 16:00', SUP],
      [A.Feedback, '10-14 09:30', HM],
      [A.ApproveFeedback, '10-14 09:40', DIS],
      [A.CheckPassed, '10-14 10:00', I1],
      [A.Close, '10-14 10:10', SL],
    ],
  },
  {
    // B10 U3 hotline: sent to verify late (15 min), verified ot by I6, filed ot (filedPublic), dispatched to
    // ENF, which handles it ot; closed D2 on time (accurate for DIS).
    ...deskCase('B10', U3, CaseSource.Hotline, '10-13 08:00'),
    matter: 'enforcement',
    steps: [
      [A.SendToVerify, '10-13 08:15', ACC],
      [A.ReportVerified, '10-13 08:40', I6],
      [A.File, '10-13 08:45', ACC],
      [A.Dispatch, '10-13 08:50', DIS, { department: ENF }],
      [A.Sign, '10-13 09:10', HE],
      [A.Feedback, '10-13 11:00', HE],
      [A.ApproveFeedback, '10-13 11:10', DIS],
      [A.CheckPassed, '10-13 11:30', I6],
      [A.Close, '10-13 11:40', SL],
    ],
  },
  {
    // B11 U1: filed by GM1, cancelled before dispatch (cancelled for U1; against GM1; no department).
    ...inspectorCase('B11', U1, I1, '10-13 15:00'),
    steps: [
      [A.File, '10-13 15:04', GM1],
      [A.RequestCancellation, '10-13 15:10', ACC],
      [A.ApproveCancellation, '10-13 15:20', SL],
    ],
  },
  // ---------------------------------------------------------------- D3, 2026-10-14
  {
    // C01 U1: all ot, closed D3.
    ...inspectorCase('C01', U1, I1, '10-14 09:00'),
    steps: [
      [A.File, '10-14 09:05', ACC],
      [A.Dispatch, '10-14 09:10', DIS, { department: MUN }],
      [A.Sign, '10-14 09:30', HM],
      [A.Feedback, '10-14 11:00', HM],
      [A.ApproveFeedback, '10-14 11:10', DIS],
      [A.CheckPassed, '10-14 11:30', I1],
      [A.Close, '10-14 11:40', SL],
    ],
  },
  {
    // C02 U2: MUN asks to return before signing (returned, for MUN), DIS sends it to MUN again; closed D3 on
    // time → both dispatches went to the department that handled it: 2 accurate.
    ...inspectorCase('C02', U2, I1, '10-14 08:00'),
    steps: [
      [A.File, '10-14 08:05', ACC],
      [A.Dispatch, '10-14 08:10', DIS, { department: MUN }],
      [A.RequestReturn, '10-14 08:20', HM],
      [A.ApproveReturn, '10-14 08:30', DIS],
      [A.Dispatch, '10-14 08:35', DIS, { department: MUN }],
      [A.Sign, '10-14 09:00', HM],
      [A.Feedback, '10-14 11:00', HM],
      [A.ApproveFeedback, '10-14 11:10', DIS],
      [A.CheckPassed, '10-14 11:30', I1],
      [A.Close, '10-14 11:40', SL],
    ],
  },
  {
    // C03 U3 rework twice: feedback ot, check failed ot; feedback ot, check failed late (40 min); last
    // feedback late (due 15:50) → 3 handled (2 ot), 3 checked (2 ot), rework 2, closed D3 overdue.
    ...inspectorCase('C03', U3, I6, '10-14 08:00'),
    steps: [
      [A.File, '10-14 08:05', ACC],
      [A.Dispatch, '10-14 08:10', DIS, { department: MUN }],
      [A.Sign, '10-14 08:30', HM],
      [A.Feedback, '10-14 09:30', HM],
      [A.ApproveFeedback, '10-14 09:40', DIS],
      [A.CheckFailed, '10-14 10:00', I6],
      [A.Feedback, '10-14 11:00', HM],
      [A.ApproveFeedback, '10-14 11:10', DIS],
      [A.CheckFailed, '10-14 11:50', I6],
      [A.Feedback, '10-14 16:00', HM],
      [A.ApproveFeedback, '10-14 16:10', DIS],
      [A.CheckPassed, '10-14 16:30', I6],
      [A.Close, '10-14 16:40', SL],
    ],
  },
  // C04 U1: filed, never dispatched: open and overdue in PENDING_DISPATCH (due 17:15) at D3's end.
  { ...inspectorCase('C04', U1, I1, '10-14 17:00'), steps: [[A.File, '10-14 17:05', ACC]] },
  {
    // C05 U1: dispatched, never signed: open and overdue in DISPATCHED (sign due 18:10) at D3's end.
    ...inspectorCase('C05', U1, I1, '10-14 17:00'),
    steps: [
      [A.File, '10-14 17:04', ACC],
      [A.Dispatch, '10-14 17:10', DIS, { department: MUN }],
    ],
  },
  {
    // C06 U2: signed late in the evening: open in HANDLING and not overdue (due D4 02:50) at D3's end.
    ...inspectorCase('C06', U2, I1, '10-14 22:40'),
    steps: [
      [A.File, '10-14 22:45', ACC],
      [A.Dispatch, '10-14 22:50', DIS, { department: MUN }],
      [A.Sign, '10-14 23:00', HM],
    ],
  },
  {
    // C07 U4 (S2) self-handled: audited late (20 min), closed → closedOnTime, selfHandledClosed.
    ...inspectorCase('C07', U4, I26, '10-14 10:00'),
    selfHandled: true,
    steps: [
      [A.AuditSelfHandled, '10-14 10:20', ACC],
      [A.Close, '10-14 10:30', SL],
    ],
  },
  {
    // C08 U1 hotline: filed by SL (shift leader as acceptor; filedPublic), dispatched by GM1; closed D3 on time.
    ...deskCase('C08', U1, CaseSource.Hotline, '10-14 13:00'),
    steps: [
      [A.File, '10-14 13:05', SL],
      [A.Dispatch, '10-14 13:09', GM1, { department: MUN }],
      [A.Sign, '10-14 13:30', HM],
      [A.Feedback, '10-14 15:00', HM],
      [A.ApproveFeedback, '10-14 15:10', GM1],
      [A.CheckPassed, '10-14 15:30', I1],
      [A.Close, '10-14 15:40', SL],
    ],
  },
  // C09 U1: reported at 20:00 and left: open and overdue in REPORTED (due 20:10) at D3's end.
  { ...inspectorCase('C09', U1, I1, '10-14 20:00'), steps: [] },
  {
    // C10 U5 (street S3, inspector-51): reported 23:00 and never accepted, but its routing job waited until
    // D4 00:30 (Redis was away). At D3's end its accept step (due 23:10) is overdue, and it is with no
    // department: open 1 and openOverdue 1 for S3, nothing for municipal-330192 (the department routing names).
    ...inspectorCase('C10', U5, I51, '10-14 23:00'),
    routedAt: '10-15 00:30',
    steps: [],
  },
];

const D1 = '2026-10-12';
const D2 = '2026-10-13';
const D3 = '2026-10-14';
const RANGE = `from=${D1}&to=${D3}`;
/** Everything read before the scheme test below asks for the default scheme's first version explicitly. */
const V1 = 'scheme=cjt292@1';

describe('evaluation: a hand-computed scenario over three past days', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let db: DataSource;
  let supervisor: ApiClient;
  const user = new Map<string, string>();
  const department = new Map<string, string>();

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    db = api.app.get(DataSource);
    supervisor = await signIn(api.url, 'supervisor');
    for (const { username, id } of await db.query('SELECT username, id FROM users')) user.set(username, id);
    for (const { code, id } of await db.query('SELECT code, id FROM departments')) department.set(code, id);
    await insertScenario(db, SCENARIO);
    const builder = worker.get(EvaluationBuilder);
    for (const day of [D1, D2, D3]) expect((await builder.build(day)).final).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const ok = async <T>(path: string, client = supervisor): Promise<T> => {
    const response = await client.get<T>(path);
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const table = (type: string, query: string) => ok<Table>(`/api/v1/evaluation/${type}?${query}`);
  const detail = (type: string, id: string, query: string) =>
    ok<Detail>(`/api/v1/evaluation/${type}/${id}?${query}`);
  const rowOf = (t: Table, id: string): Row => {
    const row = t.rows.find((r) => r.id === id);
    if (!row) throw new Error(`no ${t.objectType} ${id} in ${t.rows.map((r) => r.id).join(', ')}`);
    return row;
  };

  // ------------------------------------------------------------------------------------- street S1, by day
  // Flows by the day the step ended, stocks at each day's end (docs/evaluation.md). Derivations in the
  // comments: which cases make up each number.
  const S1_D1 = counters({
    reported: 14, // A01–A14
    reportedByInspector: 10, // A01 A02 A04 A05 A06 A07 A08 A10 A12 A14
    reportedByPublic: 4, // A03 A09 A11 A13
    selfHandled: 1, // A10
    accepted: 16, // one each, two for A03 and A11 (send to verify, then file / reject); A14 by the system
    acceptedOnTime: 15, // all but A02's filing
    rejected: 2, // A09 A11
    verifySent: 3, // A03 A11 A13
    verified: 2, // A03 A11
    verifiedOnTime: 1, // A03
    filed: 10, // A01 A02 A03 A04 A05 A06 A07 A08 A12 A14
    filedOnTime: 9, // not A02
    filedPublic: 1, // A03
    valid: 11, // the 10 filed + A10's audit
    dispatched: 11, // A01 A02 A03 A04 A05×2 A06 A07 A08 A12 A14
    dispatchedOnTime: 11,
    dispatchAccurate: 6, // closed D1: A01 A02 A03 A05(MUN) A06 A14
    dispatchWrong: 1, // A05(ENF)
    received: 11,
    handled: 8, // A01 A02 A03 A04×2 A05 A06 A14
    handledOnTime: 7,
    handledOverdue: 1, // A02
    rework: 1, // A04
    returned: 1, // A05
    postponed: 1, // A06
    suspended: 1, // A07
    cancelled: 1, // A08 (A13 was cancelled while verifying)
    checksSent: 8, // A01 A02 A03 A04×2 A05 A06 A14
    checked: 8,
    checkedOnTime: 7, // not A02
    closed: 7, // A01 A02 A03 A05 A06 A10 A14
    closedOnTime: 6,
    closedOverdue: 1, // A02
    selfHandledClosed: 1, // A10
    open: 3, // A04 (PENDING_CLOSE, due 17:00), A07 (SUSPENDED), A12 (HANDLING, due 20:10)
    openOverdue: 2, // A04 A12
    handleOpen: 1, // A12
    handleOpenOverdue: 1, // A12
  });
  const S1_D1_RATES = rates({
    validReportRate: 0.7857, // 11/14
    onTimeAcceptRate: 0.9375, // 15/16
    onTimeVerifyRate: 0.5, // 1/2
    onTimeFilingRate: 0.9, // 9/10
    accurateFilingRate: 0.9, // (10−1)/10
    publicReportRate: 0.1, // 1/10
    onTimeDispatchRate: 1,
    accurateDispatchRate: 0.8571, // 6/7
    disposalRate: 0.8889, // 8/(8+1)
    onTimeDisposalRate: 0.7778, // 7/9
    overdueDisposalRate: 0.1111, // 1/9
    overduePendingRate: 0.1111, // 1/9
    postponementRate: 0.1111, // 1/9
    reworkRate: 0.1111, // 1/(7+2)
    closingRate: 0.7778, // 7/9
    onTimeClosingRate: 0.6667, // 6/9
    overdueClosingRate: 0.1111, // 1/9
    onTimeCheckRate: 0.875, // 7/8
  });
  const S1_D2 = counters({
    reported: 9, // B01 B02 B03 B04 B07 B08 B09 B10 B11 (B05 B06 are in S2)
    reportedByInspector: 8,
    reportedByPublic: 1, // B10
    accepted: 10, // B01 B02 B03 B04 B07 B08 B09 B10×2 B11
    acceptedOnTime: 8, // not B08's rejection nor B10's sending to verify
    rejected: 1, // B08
    verifySent: 1, // B10
    verified: 1, // B10
    verifiedOnTime: 1,
    filed: 8, // B01 B02 B03 B04 B07 B09 B10 B11
    filedOnTime: 8,
    filedPublic: 1, // B10
    valid: 8,
    dispatched: 6, // B01 B02 B03 B07 B09 B10
    dispatchedOnTime: 5, // not B02
    dispatchAccurate: 5, // closed D2: A04 A07 B01 B02 B10
    received: 6,
    handled: 4, // A07 B01 B02 B10
    handledOnTime: 4,
    suspended: 1, // B07
    cancelled: 1, // B11
    checksSent: 4,
    checked: 4,
    checkedOnTime: 4,
    closed: 5, // A04 A07 B01 B02 B10
    closedOnTime: 5, // A04's last feedback was on time, whatever its rework and late close step
    supervised: 1, // B09
    open: 5, // A12 B03 B09 (HANDLING, overdue), B04 (PENDING_DISPATCH, overdue), B07 (SUSPENDED)
    openOverdue: 4,
    handleOpen: 3, // A12 B03 B09
    handleOpenOverdue: 3,
  });
  const S1_D2_RATES = rates({
    validReportRate: 0.8889, // 8/9
    onTimeAcceptRate: 0.8, // 8/10
    onTimeVerifyRate: 1,
    onTimeFilingRate: 1,
    accurateFilingRate: 0.875, // (8−1)/8
    publicReportRate: 0.125, // 1/8
    onTimeDispatchRate: 0.8333, // 5/6
    accurateDispatchRate: 1, // 5/5
    disposalRate: 0.5714, // 4/(4+3)
    onTimeDisposalRate: 0.5714,
    overdueDisposalRate: 0,
    overduePendingRate: 0.4286, // 3/7
    postponementRate: 0,
    reworkRate: 0, // 0/(5+4)
    closingRate: 0.5556, // 5/9
    onTimeClosingRate: 0.5556,
    overdueClosingRate: 0,
    onTimeCheckRate: 1,
  });
  const S1_D3 = counters({
    reported: 8, // C01 C02 C03 C04 C05 C06 C08 C09 (C07 is in S2)
    reportedByInspector: 7,
    reportedByPublic: 1, // C08
    accepted: 7, // C01–C06 C08
    acceptedOnTime: 7,
    filed: 7,
    filedOnTime: 7,
    filedPublic: 1, // C08
    valid: 7,
    dispatched: 8, // B04 C01 C02×2 C03 C05 C06 C08
    dispatchedOnTime: 7, // not B04
    dispatchAccurate: 7, // closed D3: A12 B09 C01 C02×2 C03 C08
    received: 8,
    handled: 9, // A12 B04 B09 C01 C02 C03×3 C08
    handledOnTime: 6,
    handledOverdue: 3, // A12 B09 C03's last
    rework: 2, // C03
    returned: 1, // C02
    checksSent: 9, // A12 B04 B09 C01 C02 C03×3 C08
    checked: 8, // A12 B09 C01 C02 C03×3 C08
    checkedOnTime: 7, // not C03's second check
    closed: 6, // A12 B09 C01 C02 C03 C08
    closedOnTime: 3, // C01 C02 C08
    closedOverdue: 3, // A12 B09 C03
    open: 7, // B03 B04 B07 C04 C05 C06 C09
    openOverdue: 5, // B03 (HANDLING) B04 (CHECKING) C04 (PENDING_DISPATCH) C05 (DISPATCHED) C09 (REPORTED)
    handleOpen: 3, // B03 C05 C06
    handleOpenOverdue: 2, // B03 C05
  });
  const S1_D3_RATES = rates({
    validReportRate: 0.875, // 7/8
    onTimeAcceptRate: 1,
    onTimeFilingRate: 1,
    accurateFilingRate: 1,
    publicReportRate: 0.1429, // 1/7
    onTimeDispatchRate: 0.875, // 7/8
    accurateDispatchRate: 1,
    disposalRate: 0.8182, // 9/(9+2)
    onTimeDisposalRate: 0.5455, // 6/11
    overdueDisposalRate: 0.2727, // 3/11
    overduePendingRate: 0.1818, // 2/11
    postponementRate: 0,
    reworkRate: 0.1818, // 2/(6+5)
    closingRate: 0.5455, // 6/11
    onTimeClosingRate: 0.2727, // 3/11
    overdueClosingRate: 0.2727, // 3/11
    onTimeCheckRate: 0.875, // 7/8
  });
  // The three days: flows summed, stocks those at D3's end.
  const S1_RANGE = counters({
    reported: 31,
    reportedByInspector: 25,
    reportedByPublic: 6,
    selfHandled: 1,
    accepted: 33,
    acceptedOnTime: 30,
    rejected: 3,
    verifySent: 4,
    verified: 3,
    verifiedOnTime: 2,
    filed: 25,
    filedOnTime: 24,
    filedPublic: 3,
    valid: 26,
    dispatched: 25,
    dispatchedOnTime: 23,
    dispatchAccurate: 18,
    dispatchWrong: 1,
    received: 25,
    handled: 21,
    handledOnTime: 17,
    handledOverdue: 4,
    rework: 3,
    returned: 2,
    postponed: 1,
    suspended: 2,
    cancelled: 2,
    checksSent: 21,
    checked: 20,
    checkedOnTime: 18,
    closed: 18,
    closedOnTime: 14,
    closedOverdue: 4,
    selfHandledClosed: 1,
    supervised: 1,
    open: 7,
    openOverdue: 5,
    handleOpen: 3,
    handleOpenOverdue: 2,
  });
  const S1_RANGE_RATES = rates({
    validReportRate: 0.8387, // 26/31
    onTimeAcceptRate: 0.9091, // 30/33
    onTimeVerifyRate: 0.6667, // 2/3
    onTimeFilingRate: 0.96, // 24/25
    accurateFilingRate: 0.92, // (25−2)/25
    publicReportRate: 0.12, // 3/25
    onTimeDispatchRate: 0.92, // 23/25
    accurateDispatchRate: 0.9474, // 18/19
    disposalRate: 0.913, // 21/(21+2)
    onTimeDisposalRate: 0.7391, // 17/23
    overdueDisposalRate: 0.1739, // 4/23
    overduePendingRate: 0.087, // 2/23
    postponementRate: 0.0435, // 1/23
    reworkRate: 0.1304, // 3/(18+5)
    closingRate: 0.7826, // 18/23
    onTimeClosingRate: 0.6087, // 14/23
    overdueClosingRate: 0.1739, // 4/23
    onTimeCheckRate: 0.9, // 18/20
  });

  it('counts every counter and rate of a street over the range, with its days, score and grade', async () => {
    const answer = await detail('street', S1, `${RANGE}&${V1}`);
    expect(answer).toMatchObject({
      objectType: 'street',
      from: D1,
      to: D3,
      asOf: '2026-10-14T16:00:00.000Z', // the end of D3, city time
      complete: true,
      scheme: { key: 'cjt292', version: 1 },
    });
    expect(Object.keys(answer.object.counters).sort()).toEqual([...COUNTER_NAMES].sort());
    expect(Object.keys(answer.object.rates).sort()).toEqual([...RATE_NAMES].sort());
    expect(answer.object).toMatchObject({
      id: S1,
      name: '望江街道',
      counters: S1_RANGE,
      rates: S1_RANGE_RATES,
    });
    // 监督举报率 inverse 10 % (88) + 立案数 25 over 500 unit grids, band 0 (100) 20 % + 结案率 30 % (78.26)
    // + 按期结案率 40 % (60.87) = 76.63 → B (its rank among the streets is checked below).
    expect(answer.object.score).toBeCloseTo(76.626, 2);
    expect(answer.object.grade).toBe('B');
    expect(answer.series).toEqual([
      { day: D1, counters: S1_D1, rates: S1_D1_RATES },
      { day: D2, counters: S1_D2, rates: S1_D2_RATES },
      { day: D3, counters: S1_D3, rates: S1_D3_RATES },
    ]);
  });

  it('takes a one-day period’s stocks at that day’s end', async () => {
    const day = await table('street', `period=day&date=${D2}&${V1}`);
    expect(day).toMatchObject({ from: D2, to: D2, asOf: '2026-10-13T16:00:00.000Z', complete: true });
    const s1 = rowOf(day, S1);
    expect(s1).toMatchObject({ counters: S1_D2, rates: S1_D2_RATES, grade: 'C' });
    // 87.5 × 10 % + 100 × 20 % + 55.56 × 30 % + 55.56 × 40 %
    expect(s1.score).toBeCloseTo(67.639, 2);
  });

  it('counts the days before the first activity as final and empty, and says when a day is not built', async () => {
    // October from its 1st: the 11 days before D1 held nothing, so the answer is the range's, as of D3's end.
    const early = await table('street', `from=2026-10-01&to=${D3}&${V1}`);
    expect(early).toMatchObject({ asOf: '2026-10-14T16:00:00.000Z', complete: true });
    expect(rowOf(early, S1)).toMatchObject({ counters: S1_RANGE, rates: S1_RANGE_RATES });
    // The days after D3 not built, as when the stats job is behind (its first run may have built them):
    // counted up to D3, and not complete.
    await db.query(`DELETE FROM evaluation_daily WHERE day > $1`, [D3]);
    await db.query(`DELETE FROM evaluation_days WHERE day > $1`, [D3]);
    const late = await table('street', `from=${D1}&to=2026-10-15&${V1}`);
    expect(late).toMatchObject({ asOf: '2026-10-14T16:00:00.000Z', complete: false });
    expect(rowOf(late, S1)).toMatchObject({ counters: S1_RANGE });
    // A day built before it ended (not final yet), later days not built: as of that build, not complete.
    const [{ built_at: builtAt }]: Array<{ built_at: Date }> = await db.query(
      `SELECT built_at FROM evaluation_days WHERE day = $1`,
      [D2],
    );
    await db.query(`UPDATE evaluation_days SET final = false WHERE day = $1`, [D2]);
    const behind = await table('street', `from=${D1}&to=2026-10-15&${V1}`);
    await db.query(`UPDATE evaluation_days SET final = true WHERE day = $1`, [D2]);
    expect(behind).toMatchObject({ asOf: builtAt.toISOString(), complete: false });
  });

  it('counts a unit grid', async () => {
    // U1 holds A01 A02 A04 A06 A08 A10 A11 A12 A14, B01 B03 B07 B09 B11, C01 C04 C05 C08 C09.
    const u1 = (await detail('unit-grid', U1, `${RANGE}&${V1}`)).object;
    expect(u1).toMatchObject({
      name: '桂花社区001号网格',
      counters: counters({
        reported: 19,
        reportedByInspector: 17,
        reportedByPublic: 2, // A11 C08
        selfHandled: 1, // A10
        accepted: 19, // A11 twice, C09 never
        acceptedOnTime: 18, // not A02
        rejected: 1, // A11
        verifySent: 1, // A11
        verified: 1, // A11, late
        verifiedOnTime: 0,
        filed: 16, // A01 A02 A04 A06 A08 A12 A14 B01 B03 B07 B09 B11 C01 C04 C05 C08
        filedOnTime: 15,
        filedPublic: 1, // C08
        valid: 17, // + A10
        dispatched: 14, // A01 A02 A04 A06 A08 A12 A14 B01 B03 B07 B09 C01 C05 C08
        dispatchedOnTime: 14,
        dispatchAccurate: 10, // closed: A01 A02 A04 A06 A12 A14 B01 B09 C01 C08
        received: 14,
        handled: 11, // A01 A02 A04×2 A06 A12 A14 B01 B09 C01 C08
        handledOnTime: 8,
        handledOverdue: 3, // A02 A12 B09
        rework: 1, // A04
        postponed: 1, // A06
        suspended: 1, // B07
        cancelled: 2, // A08 B11
        checksSent: 11,
        checked: 11,
        checkedOnTime: 10, // not A02
        closed: 11, // A01 A02 A04 A06 A10 A12 A14 B01 B09 C01 C08
        closedOnTime: 8,
        closedOverdue: 3, // A02 A12 B09
        selfHandledClosed: 1,
        supervised: 1, // B09
        open: 5, // B03 B07 C04 C05 C09
        openOverdue: 4, // not B07
        handleOpen: 2, // B03 C05
        handleOpenOverdue: 2,
      }),
      rates: rates({
        validReportRate: 0.8947, // 17/19
        onTimeAcceptRate: 0.9474, // 18/19
        onTimeVerifyRate: 0, // 0/1
        onTimeFilingRate: 0.9375, // 15/16
        accurateFilingRate: 0.875, // (16−2)/16
        publicReportRate: 0.0625, // 1/16
        onTimeDispatchRate: 1,
        accurateDispatchRate: 1,
        disposalRate: 0.8462, // 11/(11+2)
        onTimeDisposalRate: 0.6154, // 8/13
        overdueDisposalRate: 0.2308, // 3/13
        overduePendingRate: 0.1538, // 2/13
        postponementRate: 0.0769, // 1/13
        reworkRate: 0.0667, // 1/(11+4)
        closingRate: 0.7333, // 11/15
        onTimeClosingRate: 0.5333, // 8/15
        overdueClosingRate: 0.2, // 3/15
        onTimeCheckRate: 0.9091, // 10/11
      }),
      grade: 'D',
    });
    // 93.75 × 10 % + (16 filed in one unit grid: band ≥ 9 → 0) × 20 % + 73.33 × 30 % + 53.33 × 40 %
    expect(u1.score).toBeCloseTo(52.708, 2);
  });

  // ------------------------------------------------------------------------------------ departments
  const MUN_D2 = counters({
    dispatched: 7, // B01 B02 B03 B05 B06 B07 B09
    dispatchedOnTime: 6, // not B02
    received: 7,
    handled: 5, // A07 B01 B02 B05 B06
    handledOnTime: 4,
    handledOverdue: 1, // B05
    suspended: 1, // B07
    checksSent: 5,
    checked: 5,
    checkedOnTime: 5,
    closed: 6, // A04 A07 B01 B02 B05 B06
    closedOnTime: 5,
    closedOverdue: 1, // B05
    supervised: 1, // B09
    // At D2's end MUN has A12 B03 B09 (HANDLING, overdue) and B07 (SUSPENDED). B04 is PENDING_DISPATCH then:
    // with no department (it goes to MUN only on D3), so it is not MUN's.
    open: 4,
    openOverdue: 3,
    handleOpen: 3,
    handleOpenOverdue: 3,
  });
  const MUN_D2_RATES = rates({
    onTimeDispatchRate: 0.8571, // 6/7
    disposalRate: 0.625, // 5/(5+3)
    onTimeDisposalRate: 0.5, // 4/8
    overdueDisposalRate: 0.125, // 1/8
    overduePendingRate: 0.375, // 3/8
    postponementRate: 0,
    reworkRate: 0, // 0/(6+3)
    closingRate: 0.6667, // 6/9
    onTimeClosingRate: 0.5556, // 5/9
    overdueClosingRate: 0.1111, // 1/9
    onTimeCheckRate: 1,
  });

  it('counts a department’s day: what it received, handled and had open at the day’s end', async () => {
    const mun = await detail('department', department.get(MUN)!, `from=${D2}&to=${D2}&${V1}`);
    expect(mun.object).toMatchObject({ name: '云河区市政养护所', counters: MUN_D2, rates: MUN_D2_RATES });
  });

  it('counts departments over the range, and ranks them', async () => {
    const departments = await table('department', `${RANGE}&${V1}`);
    const mun = rowOf(departments, department.get(MUN)!);
    expect(mun.counters).toEqual(
      counters({
        // Reports, acceptance and filing happen before a case is with a department: none of them count here.
        dispatched: 24, // D1 9 (A01 A02 A03 A04 A05's second A06 A07 A08 A12), D2 7, D3 8 (B04 C01 C02×2 C03 C05 C06 C08)
        dispatchedOnTime: 22, // not B02 B04
        received: 24,
        handled: 21, // D1 7, D2 5, D3 9
        handledOnTime: 16,
        handledOverdue: 5, // A02 B05 A12 B09 C03's last
        rework: 3, // A04, C03×2
        returned: 1, // C02 (A05's return was ENF's)
        postponed: 1, // A06
        suspended: 2, // A07 B07
        cancelled: 1, // A08
        checksSent: 21,
        checked: 20,
        checkedOnTime: 18, // not A02, C03's second
        closed: 17,
        closedOnTime: 12,
        closedOverdue: 5, // A02 B05 A12 B09 C03
        supervised: 1, // B09
        open: 5, // B03 B04 B07 C05 C06
        openOverdue: 3, // B03 (HANDLING) B04 (CHECKING) C05 (DISPATCHED)
        handleOpen: 3, // B03 C05 C06
        handleOpenOverdue: 2, // B03 C05
      }),
    );
    expect(mun.rates).toEqual(
      rates({
        onTimeDispatchRate: 0.9167, // 22/24
        disposalRate: 0.913, // 21/(21+2)
        onTimeDisposalRate: 0.6957, // 16/23
        overdueDisposalRate: 0.2174, // 5/23
        overduePendingRate: 0.087, // 2/23
        postponementRate: 0.0435, // 1/23
        reworkRate: 0.15, // 3/(17+3)
        closingRate: 0.85, // 17/20
        onTimeClosingRate: 0.6, // 12/20
        overdueClosingRate: 0.25, // 5/20
        onTimeCheckRate: 0.9, // 18/20
      }),
    );
    // received 24 (≤ 50 → 100) × 10 % + 85 × 30 % + 69.57 × 30 % + (100 − 15) × 30 %
    expect(mun.score).toBeCloseTo(81.87, 2);
    expect(mun).toMatchObject({ grade: 'B', rank: 18 });

    // ENF: A05's first dispatch (then returned) and B10, handled on time and closed.
    const enf = rowOf(departments, department.get(ENF)!);
    expect(enf).toMatchObject({
      counters: counters({
        dispatched: 2,
        dispatchedOnTime: 2,
        received: 2,
        handled: 1,
        handledOnTime: 1,
        returned: 1,
        checksSent: 1,
        checked: 1,
        checkedOnTime: 1,
        closed: 1,
        closedOnTime: 1,
      }),
      rates: rates({
        onTimeDispatchRate: 1,
        disposalRate: 1,
        onTimeDisposalRate: 1,
        overdueDisposalRate: 0,
        overduePendingRate: 0,
        postponementRate: 0,
        reworkRate: 0,
        closingRate: 1,
        onTimeClosingRate: 1,
        overdueClosingRate: 0,
        onTimeCheckRate: 1,
      }),
      score: 100,
      grade: 'A',
      rank: 1,
    });
    // Every department is listed; the 17 others (SAN with A14, those with nothing) score 100 and share rank 1.
    expect(departments.rows).toHaveLength(18);
    expect(departments.rows.filter((row) => row.rank === 1)).toHaveLength(17);
    expect(departments.rows.at(-1)?.id).toBe(department.get(MUN));
  });

  // ------------------------------------------------------------------------------------------- posts
  it('counts inspectors: what they reported, verified and checked', async () => {
    const inspectors = await table('inspector', `${RANGE}&${V1}`);
    expect(inspectors.rows.map((row) => [row.id, row.rank])).toEqual([
      [user.get(I26), 1],
      [user.get(I6), 2],
      [user.get(I1), 3],
      [user.get(I51), 4],
    ]);
    // inspector-51 reported C10, which nobody accepted yet: 有效上报率 0, nothing else measurable.
    expect(rowOf(inspectors, user.get(I51)!)).toMatchObject({
      counters: counters({ reported: 1, reportedByInspector: 1 }),
      rates: rates({ validReportRate: 0 }),
      score: 0,
      grade: 'E',
    });
    expect(rowOf(inspectors, user.get(I1)!)).toMatchObject({
      counters: counters({
        reported: 22, // A01 A02 A04 A06 A07 A08 A10 A12 A14 B01 B03 B04 B07 B08 B09 B11 C01 C02 C04 C05 C06 C09
        reportedByInspector: 22,
        selfHandled: 1, // A10
        verified: 2, // A03, A11 (late)
        verifiedOnTime: 1,
        checked: 14, // A01 A02 A03 A04×2 A06 A07 A12 A14 B01 B09 C01 C02 C08
        checkedOnTime: 13, // not A02
        valid: 20, // the 22 but B08 (rejected) and C09 (still to accept)
        selfHandledClosed: 1, // A10
      }),
      rates: rates({ validReportRate: 0.9091, onTimeVerifyRate: 0.5, onTimeCheckRate: 0.9286 }),
      grade: 'B',
    });
    // 90.91 × 40 % + 50 × 30 % + 92.86 × 30 %
    expect(rowOf(inspectors, user.get(I1)!).score).toBeCloseTo(79.221, 2);
    expect(rowOf(inspectors, user.get(I6)!)).toMatchObject({
      counters: counters({
        reported: 3, // A05 B02 C03
        reportedByInspector: 3,
        verified: 1, // B10
        verifiedOnTime: 1,
        checked: 6, // A05 B02 B10 C03×3
        checkedOnTime: 5, // not C03's second
        valid: 3,
      }),
      rates: rates({ validReportRate: 1, onTimeVerifyRate: 1, onTimeCheckRate: 0.8333 }),
      score: 95,
      grade: 'A',
    });
    expect(rowOf(inspectors, user.get(I26)!)).toMatchObject({
      counters: counters({
        reported: 2, // B06 C07
        reportedByInspector: 2,
        selfHandled: 1, // C07
        checked: 2, // B05 B06
        checkedOnTime: 2,
        valid: 2,
        selfHandledClosed: 1,
      }),
      // Nothing verified: 按期核实率 is left out and the other weights scaled up.
      rates: rates({ validReportRate: 1, onTimeCheckRate: 1 }),
      score: 100,
      grade: 'A',
    });
  });

  it('counts acceptors, with cancellations against whoever filed', async () => {
    const acceptors = await table('acceptor', `${RANGE}&${V1}`);
    expect(acceptors.rows.map((row) => [row.id, row.rank])).toEqual([
      [user.get(SL), 1],
      [user.get(ACC), 2],
      [user.get(GM1), 3],
    ]);
    const acc = rowOf(acceptors, user.get(ACC)!);
    expect(acc).toMatchObject({
      counters: counters({
        accepted: 32, // D1 15 (A03 A11 twice; not A14), D2 10 (B10 twice; not B01 B11), D3 7 (C01–C06 C07; not C08)
        acceptedOnTime: 28, // not A02's filing, B08's rejection, B10's sending to verify, C07's audit
        rejected: 3, // A09 A11 B08
        verifySent: 4, // A03 A11 A13 B10
        filed: 23, // A01–A08 A12; B02–B07 B09 B10; C01–C06
        filedOnTime: 22, // not A02
        filedPublic: 3, // A03 B05 B10
        valid: 25, // + the audits of A10 and C07
        cancelled: 1, // A08
      }),
      rates: rates({
        onTimeAcceptRate: 0.875, // 28/32
        onTimeFilingRate: 0.9565, // 22/23
        accurateFilingRate: 0.9565, // (23−1)/23
        publicReportRate: 0.1304, // 3/23
      }),
      grade: 'C',
    });
    // 受理数 32 (band 0) × 25 % + 87.5 × 40 % + 95.65 × 35 %
    expect(acc.score).toBeCloseTo(68.478, 2);
    expect(rowOf(acceptors, user.get(GM1)!)).toMatchObject({
      counters: counters({
        accepted: 2, // B01 B11
        acceptedOnTime: 2,
        filed: 2,
        filedOnTime: 2,
        valid: 2,
        cancelled: 1, // B11, though ACC asked and SL approved
      }),
      rates: rates({
        onTimeAcceptRate: 1,
        onTimeFilingRate: 1,
        accurateFilingRate: 0.5,
        publicReportRate: 0,
      }),
      score: 57.5,
      grade: 'D',
    });
    expect(rowOf(acceptors, user.get(SL)!)).toMatchObject({
      counters: counters({
        accepted: 1,
        acceptedOnTime: 1,
        filed: 1,
        filedOnTime: 1,
        filedPublic: 1,
        valid: 1,
      }),
      rates: rates({ onTimeAcceptRate: 1, onTimeFilingRate: 1, accurateFilingRate: 1, publicReportRate: 1 }),
      score: 75,
      grade: 'B',
    });
  });

  it('counts dispatchers, with the accuracy of their dispatches when the case closes', async () => {
    const dispatchers = await table('dispatcher', `${RANGE}&${V1}`);
    expect(dispatchers.rows.map((row) => [row.id, row.rank])).toEqual([
      [user.get(GM1), 1],
      [user.get(DIS), 2],
    ]);
    const dis = rowOf(dispatchers, user.get(DIS)!);
    expect(dis).toMatchObject({
      counters: counters({
        dispatched: 24, // D1 10 (A05 twice; A14 by the system), D2 7 (not B01), D3 7 (C02 twice; not C08)
        dispatchedOnTime: 22, // not B02 B04
        // closed: A01 A02 A03 A05(MUN) A06 | A04 A07 B02 B05 B06 B10 | A12 B09 C01 C02×2 C03
        dispatchAccurate: 17,
        dispatchWrong: 1, // A05 to ENF
      }),
      rates: rates({ onTimeDispatchRate: 0.9167, accurateDispatchRate: 0.9444 }),
      grade: 'C',
    });
    // 派遣数 24 (band 0) × 20 % + 91.67 × 40 % + 94.44 × 40 %
    expect(dis.score).toBeCloseTo(74.444, 2);
    expect(rowOf(dispatchers, user.get(GM1)!)).toMatchObject({
      counters: counters({ dispatched: 2, dispatchedOnTime: 2, dispatchAccurate: 2 }), // B01 C08
      rates: rates({ onTimeDispatchRate: 1, accurateDispatchRate: 1 }),
      score: 80,
      grade: 'B',
    });
  });

  it('counts a case whose routing ran late as overdue in its accept step, and with no department', async () => {
    const departments = await table('department', `from=${D3}&to=${D3}&${V1}`);
    expect(rowOf(departments, department.get('municipal-330192')!).counters).toEqual(counters({}));
    const s3 = (await detail('street', S3, `${RANGE}&${V1}`)).object;
    expect(s3).toMatchObject({
      counters: counters({ reported: 1, reportedByInspector: 1, open: 1, openOverdue: 1 }),
      // 有效上报率 0/1; 应结案 = 0 closed + 1 open and overdue; nothing filed, so no 监督举报率.
      rates: rates({
        validReportRate: 0,
        reworkRate: 0,
        closingRate: 0,
        onTimeClosingRate: 0,
        overdueClosingRate: 0,
      }),
      grade: 'E',
    });
    // 立案数 0 → 100 × 20 + 结案率 0 × 30 + 按期结案率 0 × 40, over the 90 % that can be measured.
    expect(s3.score).toBeCloseTo(22.222, 2);
  });

  it('ranks the streets under the default scheme', async () => {
    const streets = await table('street', `${RANGE}&${V1}`);
    expect(streets.scheme).toMatchObject({ key: 'cjt292', version: 1 });
    expect(streets.rows.map((row) => [row.id, row.grade, row.rank])).toEqual([
      ['330192002', 'A', 1], // nothing counted: only 立案数 (0 → 100) can be scored
      [S2, 'B', 2],
      [S1, 'B', 3],
      [S3, 'E', 4], // C10, open and overdue
    ]);
    // S2: B05 (public, late), B06, C07 (self-handled): 监督举报率 1/2, 结案率 3/3, 按期结案率 2/3
    // → 50 × 10 % + 100 × 20 % + 100 × 30 % + 66.67 × 40 %.
    expect(rowOf(streets, S2).score).toBeCloseTo(81.667, 2);
    expect(rowOf(streets, S2).rates).toMatchObject({
      publicReportRate: 0.5,
      closingRate: 1,
      onTimeClosingRate: 0.6667,
    });
    expect(rowOf(streets, '330192002').score).toBe(100);
  });

  it('exports a ranking as CSV and as XLSX', async () => {
    const download = async (format: string) => {
      const response = await fetch(`${api.url}/api/v1/evaluation/street?${RANGE}&${V1}&format=${format}`, {
        headers: { authorization: `Bearer ${supervisor.token}` },
      });
      return { response, bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const csv = await download('csv');
    expect(csv.response.status).toBe(200);
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv/);
    // UTF-8 with a byte order mark, for Excel.
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    const [header, ...lines] = text.trimEnd().split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(0, 6)).toEqual([
      'rank',
      'id',
      'name',
      'score',
      'grade',
      'validReportRate 有效上报率',
    ]);
    expect(columns).toHaveLength(5 + RATE_NAMES.length + COUNTER_NAMES.length);
    expect(columns.slice(-COUNTER_NAMES.length)).toEqual([...COUNTER_NAMES]);
    // One line per street, in the ranking's order, with the JSON answer's rank, score and grade.
    const ranking = await table('street', `${RANGE}&${V1}`);
    const cells = lines.map((line) =>
      Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])),
    );
    expect(cells.map((c) => [c.id, c.rank, c.score, c.grade])).toEqual(
      ranking.rows.map((row) => [row.id, String(row.rank), String(row.score), row.grade]),
    );
    expect(cells.find((c) => c.id === S1)).toMatchObject({
      name: '望江街道',
      grade: 'B',
      'closingRate 结案率': '0.7826',
      'onTimeVerifyRate 按期核实率': '0.6667',
      reported: '31',
      filed: '25',
      dispatchWrong: '1',
      openOverdue: '5',
      handleOpenOverdue: '2',
    });

    const xlsx = await download('xlsx');
    expect(xlsx.response.status).toBe(200);
    expect(xlsx.response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip
  });

  it('refuses what it cannot answer', async () => {
    const expectError = (response: ApiResponse, status: number, code?: string) => {
      expect(response.status).toBe(status);
      if (code) expect(errorCode(response)).toBe(code);
    };
    expectError(await supervisor.get(`/api/v1/evaluation/planet?${RANGE}`), 404, 'UNKNOWN_OBJECT_TYPE');
    expectError(await supervisor.get(`/api/v1/evaluation/street?from=${D3}&to=${D1}`), 400, 'INVALID_PERIOD');
    expectError(
      await supervisor.get(`/api/v1/evaluation/street?${RANGE}&scheme=nosuch`),
      404,
      'SCHEME_NOT_FOUND',
    );
    expectError(
      await supervisor.get(`/api/v1/evaluation/street?${RANGE}&scheme=cjt292@9`),
      404,
      'SCHEME_NOT_FOUND',
    );
    expectError(
      await supervisor.get(`/api/v1/evaluation/street/999999999?${RANGE}`),
      404,
      'OBJECT_NOT_FOUND',
    );
    const inspector = await signIn(api.url, I1);
    expectError(await inspector.get(`/api/v1/evaluation/street?${RANGE}`), 403);
  });

  // -------------------------------------------------------------------------------- a case through the api today
  it('counts a case driven through the api today, once today is built', async () => {
    const as = Object.fromEntries(
      await Promise.all([I1, ACC, DIS, SL, HM].map(async (u) => [u, await signIn(api.url, u)])),
    ) as Record<string, ApiClient>;
    const image = await photo();
    const created = await report(
      as[I1],
      centreOf(U1),
      { matterKind: 'component', matterCode: '01034', conditionKey: 'd', description: '不明立杆倾斜' },
      { photos: [image] },
    );
    expect(created.status).toBe(201);
    // The worker routes it (owner gm-1, no rule dispatches municipal matters): wait for that before acting.
    let seen = await pollUntil(
      async () => {
        const c = (await supervisor.get<CaseDetailDto>(`/api/v1/cases/${created.body.id}`)).body;
        return c.routedAt ? c : undefined;
      },
      { what: 'routing of the live case' },
    );
    const step = async (who: string, action: A, fields: Record<string, unknown> = {}, photos = 0) => {
      const response = await act(as[who], seen, action, fields, {
        photos: Array<Buffer>(photos).fill(image),
      });
      if (response.status !== 200)
        throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
      seen = response.body;
    };
    await step(ACC, A.File);
    await step(DIS, A.Dispatch, { departmentId: department.get(MUN) });
    await step(HM, A.Sign);
    await step(HM, A.Feedback, { opinion: '已加固' }, 1);
    await step(DIS, A.ApproveFeedback);
    await step(I1, A.CheckPassed, { opinion: '现场已处理' }, 1);
    await step(SL, A.Close);
    expect(seen.status).toBe('CLOSED');

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const built = await worker.get(EvaluationBuilder).build(today);
    expect(built.final).toBe(false);
    const query = `from=${today}&to=${today}&${V1}`;
    const answer = await detail('street', S1, query);
    // asOf is today's last build: this one, or a later one by the worker's own stats job.
    expect(answer).toMatchObject({ from: today, to: today, complete: true });
    expect(Date.parse(answer.asOf!)).toBeGreaterThanOrEqual(built.builtAt.getTime());
    const flows = {
      reported: 1,
      reportedByInspector: 1,
      accepted: 1,
      acceptedOnTime: 1,
      filed: 1,
      filedOnTime: 1,
      valid: 1,
      dispatched: 1,
      dispatchedOnTime: 1,
      dispatchAccurate: 1,
      received: 1,
      handled: 1,
      handledOnTime: 1,
      checksSent: 1,
      checked: 1,
      checkedOnTime: 1,
      closed: 1,
      closedOnTime: 1,
    };
    // Today's stocks are taken at the build: the scenario's open cases as they stand now (the live case is
    // closed), so C06, not overdue at D3's end, is overdue now.
    expect(answer.object.counters).toEqual(
      counters({ ...flows, open: 7, openOverdue: 6, handleOpen: 3, handleOpenOverdue: 3 }),
    );
    const mun = await detail('department', department.get(MUN)!, query);
    expect(mun.object.counters).toEqual(
      counters({
        dispatched: 1,
        dispatchedOnTime: 1,
        received: 1,
        handled: 1,
        handledOnTime: 1,
        checksSent: 1,
        checked: 1,
        checkedOnTime: 1,
        closed: 1,
        closedOnTime: 1,
        open: 5, // B03 B04 B07 C05 C06
        openOverdue: 4, // not B07
        handleOpen: 3, // B03 C05 C06
        handleOpenOverdue: 3,
      }),
    );
    const acceptor = await detail('acceptor', user.get(ACC)!, query);
    expect(acceptor.object.counters).toEqual(
      counters({ accepted: 1, acceptedOnTime: 1, filed: 1, filedOnTime: 1, valid: 1 }),
    );
  });

  // --------------------------------------------------------------------------- schemes (last: a new version)
  it('refuses an unsound scheme, and a new version changes a ranking only when asked for', async () => {
    const schemes = await ok<{ key: string; version: number; definition: Record<string, unknown> }[]>(
      '/api/v1/evaluation/schemes',
    );
    expect(schemes.map((s) => [s.key, s.version])).toEqual([['cjt292', 1]]);
    const definition = structuredClone(schemes[0].definition) as {
      name: string;
      objects: Record<string, unknown[]>;
    };

    const unsound = structuredClone(definition);
    unsound.objects.dispatcher = [
      { key: 'dispatched', weight: 20, scoring: 'bands', bands: [{ min: 0, score: 0 }] },
      { key: 'onTimeDispatchRate', weight: 40, scoring: 'rate' },
      { key: 'accurateDispatchRate', weight: 30, scoring: 'rate' },
    ];
    const refused = await supervisor.post('/api/v1/evaluation/schemes', {
      key: 'cjt292',
      definition: unsound,
    });
    expect([refused.status, errorCode(refused)]).toEqual([400, 'INVALID_SCHEME']);
    expect(errorDetails(refused)).toEqual([expect.objectContaining({ field: 'objects.dispatcher' })]);
    expect((await ok<unknown[]>('/api/v1/evaluation/schemes')).length).toBe(1);

    // Version 2 scores dispatchers by their workload alone: 10 or more dispatches → 100.
    const workload = { ...structuredClone(definition), name: 'workload' };
    workload.objects.dispatcher = [
      {
        key: 'dispatched',
        weight: 100,
        scoring: 'bands',
        bands: [
          { min: 10, score: 100 },
          { min: 0, score: 0 },
        ],
      },
    ];
    const added = await supervisor.post<{ key: string; version: number }>('/api/v1/evaluation/schemes', {
      key: 'cjt292',
      definition: workload,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ key: 'cjt292', version: 2 });

    const v2 = await table('dispatcher', `${RANGE}&scheme=cjt292@2`);
    expect(v2.scheme).toMatchObject({ key: 'cjt292', version: 2, name: 'workload' });
    expect(v2.rows.map((row) => [row.id, row.score, row.grade, row.rank])).toEqual([
      [user.get(DIS), 100, 'A', 1], // 24 dispatches
      [user.get(GM1), 0, 'E', 2], // 2
    ]);
    // The published version still ranks as it did.
    const v1 = await table('dispatcher', `${RANGE}&${V1}`);
    expect(v1.rows.map((row) => [row.id, row.rank])).toEqual([
      [user.get(GM1), 1],
      [user.get(DIS), 2],
    ]);
  });
});
