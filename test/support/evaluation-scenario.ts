import {
  CaseAction,
  CaseSource,
  CaseStatus,
  decide,
  initialState,
  REPORT_ACTIVITY,
  ROUTE_ACTIVITY,
  SYSTEM_ROLE,
  systemDecide,
  type WorkflowState,
} from '@citygrid/cases';
import type { Role } from '@citygrid/common';
import type { DataSource } from 'typeorm';
import { centreOf } from './demo-city-points';

/**
 * A scenario of cases written straight into `cases` and `case_activities`, shaped as the workflow writes them
 * (libs/cases: CaseIntakeService, CaseRoutingService, CaseActionsService and endedStep of the case clock), so
 * that evaluation can be checked against counts worked out by hand over days in the past.
 *
 * Time is simplified, never the shape of a row: every step limit is a plain number of minutes on a continuous
 * clock (evaluation reads the deadlines as written, it never recomputes them from the calendar), so a step is
 * late exactly when it took longer than the minutes below. Handling runs from dispatch (or from rework) and is
 * extended by an approved postponement and by the time a case stood suspended.
 */
export const LIMIT_MINUTES: Partial<Record<CaseStatus, number>> = {
  [CaseStatus.Reported]: 10, // accept
  [CaseStatus.Verifying]: 30, // verify
  [CaseStatus.PendingDispatch]: 10, // dispatch
  [CaseStatus.Dispatched]: 60, // sign
  [CaseStatus.Handling]: 240, // handle, from dispatch or rework
  [CaseStatus.PendingReview]: 30, // review
  [CaseStatus.Checking]: 30, // check
  [CaseStatus.PendingClose]: 30, // close
};

/** City time zone of the demo city (TZ_CITY). */
const CITY_OFFSET = '+08:00';
const YEAR = 2026;

/** `'10-12 09:05'` (city time, 2026) as an instant. */
export function cityTime(at: string): Date {
  const [day, time] = at.split(' ');
  const [hours, minutes, seconds = '00'] = time.split(':');
  return new Date(`${YEAR}-${day}T${hours}:${minutes}:${seconds}${CITY_OFFSET}`);
}

const MINUTE = 60_000;
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);

/** The matters the scenario uses, with their handling limit (filing condition, area classes A and B). */
export const MATTERS = {
  // 不明立杆异常: municipal facilities, no rule dispatches it by itself.
  municipal: { kind: 'component', code: '01034', condition: 'd', limit: { amount: 4, unit: 'WORK_HOUR' } },
  // 户外广告异常: law enforcement.
  enforcement: { kind: 'component', code: '03006', condition: 'd', limit: { amount: 4, unit: 'WORK_HOUR' } },
  // 暴露垃圾: sanitation; in district 330191 the routing rule dispatches an inspector's report by itself.
  sanitation: { kind: 'event', code: '06010', condition: 'a', limit: { amount: 4, unit: 'HOUR' } },
} as const;

/** One action: what, when (`'MM-DD HH:MM'`), by whom (a demo username), and what it needs. */
export type ScenarioStep = [
  action: CaseAction,
  at: string,
  by: string,
  extra?: { department?: string; extensionMinutes?: number },
];

export interface ScenarioCase {
  key: string;
  unitGrid: string;
  source: CaseSource;
  /** The inspector who reported, or the center desk user who entered a public or hotline report. */
  reporter: string;
  reportedAt: string;
  matter: keyof typeof MATTERS;
  selfHandled?: boolean;
  /** Routing filed and dispatched it to this department (code) at once, as a rule with autoDispatch does. */
  autoDispatchTo?: string;
  /** When routing ran, if not 2 s after the report (its job waited: Redis was away, the worker down). */
  routedAt?: string;
  steps: ScenarioStep[];
}

/** Ids of the seeded demo city the scenario refers to. */
interface DemoIds {
  users: Map<string, { id: string; roles: Role[] }>;
  departments: Map<string, string>;
}

async function demoIds(db: DataSource): Promise<DemoIds> {
  const users: { username: string; id: string; roles: Role[] }[] = await db.query(
    'SELECT username, id, roles FROM users',
  );
  const departments: { code: string; id: string }[] = await db.query('SELECT code, id FROM departments');
  return {
    users: new Map(users.map((u) => [u.username, { id: u.id, roles: u.roles }])),
    departments: new Map(departments.map((d) => [d.code, d.id])),
  };
}

interface Row {
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  department_id: string | null;
  details: Record<string, unknown> | null;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  opinion: string | null;
  started_at: Date;
  ended_at: Date;
  deadline: Date | null;
  extended_deadline: Date | null;
}

/** The case's clock as CaseActionsService keeps it (case-clock.ts), in minutes of the scenario's clock. */
interface Clock {
  stepStartedAt: Date;
  handleStartedAt: Date | null;
  /** Minutes added to the handling limit: approved postponements and suspended time. */
  extensionMinutes: number;
  extensions: { amount: number; unit: string }[];
  suspendedAt: Date | null;
}

/** The deadline of the step a status is, by the limit alone and with the extensions granted (endedStep). */
function stepOf(
  status: CaseStatus,
  clock: Clock,
): { startedAt: Date; deadline: Date | null; extended: Date | null } {
  const limit = LIMIT_MINUTES[status];
  if (limit === undefined) return { startedAt: clock.stepStartedAt, deadline: null, extended: null };
  if (status === CaseStatus.Handling && clock.handleStartedAt) {
    const deadline = plus(clock.handleStartedAt, limit);
    return {
      startedAt: clock.handleStartedAt,
      deadline,
      extended: plus(deadline, clock.extensionMinutes),
    };
  }
  const deadline = plus(clock.stepStartedAt, limit);
  return { startedAt: clock.stepStartedAt, deadline, extended: deadline };
}

/**
 * Writes the cases and their activity rows in one transaction. Every action is checked against the real
 * transition table (state, role, pending requests), so the scenario only takes paths the workflow allows.
 * Cases get no deadline timers (`sla_next_at` is null) and count as routed, so the worker leaves them alone.
 */
export async function insertScenario(db: DataSource, cases: ScenarioCase[]): Promise<void> {
  const ids = await demoIds(db);
  const user = (username: string) => {
    const found = ids.users.get(username);
    if (!found) throw new Error(`no demo user ${username}`);
    return found;
  };
  const department = (code: string) => {
    const found = ids.departments.get(code);
    if (!found) throw new Error(`no demo department ${code}`);
    return found;
  };
  const [{ id: catalogueVersionId }]: { id: number }[] = await db.query(
    'SELECT id FROM catalogue_versions WHERE current',
  );
  await db.transaction(async (manager) => {
    let sequence = 900_000;
    for (const scenario of cases) {
      const [grid]: {
        responsibility_grid_code: string;
        area_class: string;
        manager_id: string | null;
      }[] = await manager.query(
        `SELECT u.responsibility_grid_code, u.area_class, r.manager_id
         FROM unit_grids u JOIN responsibility_grids r ON r.code = u.responsibility_grid_code WHERE u.code = $1`,
        [scenario.unitGrid],
      );
      const matter = MATTERS[scenario.matter];
      const [rule]: { id: string; department_id: string }[] = await manager.query(
        `SELECT r.id, r.department_id FROM routing_rules r JOIN departments d ON d.id = r.department_id
         WHERE r.area_code = $1 AND d.family = (SELECT family FROM matters WHERE version_id = $2 AND kind = $3 AND code = $4)`,
        [scenario.unitGrid.slice(0, 6), catalogueVersionId, matter.kind, matter.code],
      );
      const reporter = user(scenario.reporter);
      const reportedAt = cityTime(scenario.reportedAt);
      const routedAt = scenario.routedAt
        ? cityTime(scenario.routedAt)
        : new Date(reportedAt.getTime() + 2000);
      const selfHandled = scenario.selfHandled ?? false;
      const reporterRole =
        scenario.source === CaseSource.Inspector
          ? 'inspector'
          : reporter.roles.find((role) =>
              ['acceptor', 'shift_leader', 'dispatcher', 'grid_manager'].includes(role),
            )!;

      let state: WorkflowState = initialState(selfHandled);
      let departmentId: string | null = null;
      let version = 1;
      const clock: Clock = {
        stepStartedAt: reportedAt,
        handleStartedAt: null,
        extensionMinutes: 0,
        extensions: [],
        suspendedAt: null,
      };
      const rows: Row[] = [
        {
          actor_id: reporter.id,
          actor_role: reporterRole,
          action: REPORT_ACTIVITY,
          department_id: null,
          details: { source: scenario.source, selfHandled, outOfGrid: false },
          from_status: null,
          to_status: CaseStatus.Reported,
          opinion: `scenario ${scenario.key}`,
          started_at: reportedAt,
          ended_at: reportedAt,
          deadline: null,
          extended_deadline: null,
        },
        {
          actor_id: null,
          actor_role: SYSTEM_ROLE,
          action: ROUTE_ACTIVITY,
          department_id: rule?.department_id ?? null,
          details: {
            ownerId: grid.manager_id,
            ownerVia: 'grid',
            departmentId: rule?.department_id,
            routingRuleId: rule?.id ?? null,
            autoDispatch: scenario.autoDispatchTo !== undefined,
          },
          from_status: CaseStatus.Reported,
          to_status: CaseStatus.Reported,
          opinion: null,
          started_at: reportedAt,
          ended_at: routedAt,
          deadline: null,
          extended_deadline: null,
        },
      ];
      version += 1; // routing writes the case once

      /** One action: the row that ends the step in progress, then the case and its clock after it. */
      const apply = (
        action: CaseAction,
        at: Date,
        actor: { id: string | null; roles: string[] },
        extra: ScenarioStep[3] = {},
      ) => {
        const before = state.status;
        const ended = stepOf(before, clock);
        const decision =
          actor.id === null
            ? (systemDecide(state, action) ??
              ({ allowed: false, refusal: 'NOT_ALLOWED_FROM_STATE' } as const))
            : decide(state, action, actor.roles as Role[], { reason: 'scenario', photoCount: 1 });
        if (!decision.allowed) {
          throw new Error(`${scenario.key}: ${action} from ${before} by ${actor.roles}: ${decision.refusal}`);
        }
        const role =
          actor.id === null ? SYSTEM_ROLE : actor.roles.find((r) => decision.rule.roles.includes(r as Role))!;
        const to = decision.next.status;
        const rowDepartment =
          action === CaseAction.Dispatch ? department(extra.department ?? '') : departmentId;
        if (to !== before) clock.stepStartedAt = at;
        let details: Record<string, unknown> | null = null;
        switch (action) {
          case CaseAction.Dispatch:
          case CaseAction.CheckFailed:
            clock.handleStartedAt = at;
            clock.extensionMinutes = 0;
            clock.extensions = [];
            break;
          case CaseAction.ApproveReturn:
            clock.handleStartedAt = null;
            clock.extensionMinutes = 0;
            clock.extensions = [];
            break;
          case CaseAction.RequestPostponement:
            details = { extension: { amount: extra.extensionMinutes! / 60, unit: matter.limit.unit } };
            break;
          case CaseAction.ApprovePostponement:
            clock.extensionMinutes += extra.extensionMinutes!;
            clock.extensions.push({ amount: extra.extensionMinutes! / 60, unit: matter.limit.unit });
            break;
          case CaseAction.ApproveSuspension:
            clock.suspendedAt = at;
            break;
          case CaseAction.Resume: {
            const stood = (at.getTime() - clock.suspendedAt!.getTime()) / MINUTE;
            clock.extensionMinutes += stood;
            clock.extensions.push({ amount: stood / 60, unit: matter.limit.unit });
            break;
          }
        }
        if (to !== CaseStatus.Suspended) clock.suspendedAt = null;
        if (action === CaseAction.Dispatch) {
          details = {
            departmentId: rowDepartment,
            handleDeadline: plus(at, LIMIT_MINUTES[CaseStatus.Handling]!).toISOString(),
          };
        }
        if (action === CaseAction.ApprovePostponement) {
          details = {
            extension: { amount: extra.extensionMinutes! / 60, unit: matter.limit.unit },
            handleDeadline: stepOf(CaseStatus.Handling, clock).extended!.toISOString(),
          };
        }
        if (action === CaseAction.Resume) {
          details = { handleDeadline: stepOf(CaseStatus.Handling, clock).extended!.toISOString() };
        }
        rows.push({
          actor_id: actor.id,
          actor_role: role,
          action,
          department_id: rowDepartment,
          details,
          from_status: before,
          to_status: to,
          opinion: decision.rule.reasonRequired ? `scenario ${scenario.key}: ${action}` : null,
          started_at: ended.startedAt,
          ended_at: at,
          deadline: ended.deadline,
          extended_deadline: ended.extended,
        });
        state = decision.next;
        if (action === CaseAction.Dispatch) departmentId = rowDepartment;
        if (action === CaseAction.ApproveReturn) departmentId = null;
      };

      if (scenario.autoDispatchTo) {
        const system = { id: null, roles: [] };
        apply(CaseAction.File, routedAt, system);
        apply(CaseAction.Dispatch, routedAt, system, { department: scenario.autoDispatchTo });
      }
      for (const [action, at, by, extra] of scenario.steps) {
        apply(action, cityTime(at), user(by), extra);
        version += 1;
      }

      const status = state.status;
      const open = ![CaseStatus.Closed, CaseStatus.Cancelled].includes(status);
      const current = stepOf(status, clock);
      const stepDeadline = open ? current.extended : null;
      const limit = LIMIT_MINUTES[status];
      const stepWarnAt = stepDeadline && limit !== undefined ? plus(current.startedAt, limit * 0.8) : null;
      const last = rows[rows.length - 1];
      const [centreLng, centreLat] = centreOf(scenario.unitGrid);
      // YYYYMMDD of the report and a sequence far above what intake hands out on those days.
      const number = `${YEAR}${scenario.reportedAt.slice(0, 5).replace('-', '')}${++sequence}`;
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO cases (number, source, status, catalogue_version_id, matter_kind, matter_code,
           filing_condition_key, lng, lat, source_crs, address, unit_grid_code, responsibility_grid_code,
           community_code, street_code, area_class, out_of_grid, description, reporter_id, owner_id,
           department_id, routed_at, routed_department_id, self_handled, urgent, supervised, overdue,
           rework_count, return_count, handle_limit, step_started_at, step_warn_at, step_deadline,
           handle_started_at, handle_extensions, requested_extension, suspended_at, sla_stage, sla_next_at,
           pending, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'WGS84', NULL, $10, $11, $12, $13, $14, false, $15, $16,
           $17, $18, $19, $20, $21, false, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, NULL, $32, 0, NULL,
           $33, $34, $35, $36)
         RETURNING id`,
        [
          number,
          scenario.source,
          status,
          catalogueVersionId,
          matter.kind,
          matter.code,
          matter.condition,
          centreLng,
          centreLat,
          scenario.unitGrid,
          grid.responsibility_grid_code,
          scenario.unitGrid.slice(0, 12),
          scenario.unitGrid.slice(0, 9),
          grid.area_class,
          `evaluation scenario ${scenario.key}`,
          reporter.id,
          grid.manager_id,
          departmentId,
          routedAt,
          rule?.department_id ?? null,
          selfHandled,
          state.supervised,
          open && stepDeadline !== null && stepDeadline.getTime() < Date.now(),
          state.reworkCount,
          state.returnCount,
          JSON.stringify(matter.limit),
          clock.stepStartedAt,
          stepWarnAt,
          stepDeadline,
          clock.handleStartedAt,
          JSON.stringify(clock.extensions),
          status === CaseStatus.Suspended ? clock.suspendedAt : null,
          state.pending,
          version,
          reportedAt,
          last.ended_at,
        ],
      );
      for (const row of rows) {
        await manager.query(
          `INSERT INTO case_activities (case_id, actor_id, actor_role, action, department_id, details,
             from_status, to_status, opinion, started_at, ended_at, deadline, extended_deadline)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            id,
            row.actor_id,
            row.actor_role,
            row.action,
            row.department_id,
            row.details === null ? null : JSON.stringify(row.details),
            row.from_status,
            row.to_status,
            row.opinion,
            row.started_at,
            row.ended_at,
            row.deadline,
            row.extended_deadline,
          ],
        );
      }
    }
  });
}

/** Every counter of docs/evaluation.md, in its order: a row's `counters` has exactly these keys. */
export const COUNTER_NAMES = [
  'reported',
  'reportedByInspector',
  'reportedByPublic',
  'selfHandled',
  'accepted',
  'acceptedOnTime',
  'rejected',
  'verifySent',
  'verified',
  'verifiedOnTime',
  'filed',
  'filedOnTime',
  'filedPublic',
  'valid',
  'dispatched',
  'dispatchedOnTime',
  'dispatchAccurate',
  'dispatchWrong',
  'received',
  'handled',
  'handledOnTime',
  'handledOverdue',
  'rework',
  'returned',
  'postponed',
  'suspended',
  'cancelled',
  'checksSent',
  'checked',
  'checkedOnTime',
  'closed',
  'closedOnTime',
  'closedOverdue',
  'selfHandledClosed',
  'supervised',
  'open',
  'openOverdue',
  'handleOpen',
  'handleOpenOverdue',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/** Every rate of docs/evaluation.md. */
export const RATE_NAMES = [
  'validReportRate',
  'onTimeAcceptRate',
  'onTimeVerifyRate',
  'onTimeFilingRate',
  'accurateFilingRate',
  'publicReportRate',
  'onTimeDispatchRate',
  'accurateDispatchRate',
  'disposalRate',
  'onTimeDisposalRate',
  'overdueDisposalRate',
  'overduePendingRate',
  'postponementRate',
  'reworkRate',
  'closingRate',
  'onTimeClosingRate',
  'overdueClosingRate',
  'onTimeCheckRate',
] as const;
export type RateName = (typeof RATE_NAMES)[number];

/** All counters: the ones given, every other one 0. */
export const counters = (given: Partial<Record<CounterName, number>>): Record<CounterName, number> =>
  Object.fromEntries(COUNTER_NAMES.map((name) => [name, given[name] ?? 0])) as Record<CounterName, number>;

/** All rates: the ones given, every other one null (nothing to divide by). */
export const rates = (given: Partial<Record<RateName, number>>): Record<RateName, number | null> =>
  Object.fromEntries(RATE_NAMES.map((name) => [name, given[name] ?? null])) as Record<
    RateName,
    number | null
  >;
