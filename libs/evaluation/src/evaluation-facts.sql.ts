import { columnOf, COUNTERS, FLOW_COUNTERS, STOCK_COUNTERS, type FlowCounter } from './evaluation-counters';
import { EvaluationObject } from './evaluation-objects';

/**
 * The counters of one day as SQL over activity rows (docs/evaluation.md). `$1` and `$2` bound the day (rows whose
 * step ended in it), `$3` is the instant the stocks are taken at (the day's end, or now for today).
 *
 * `facts` holds the day's rows, each with its case's place and source, plus two kinds of derived facts: each
 * dispatch of a case closed that day (`dispatch_outcome`: accurate when it went to the department that
 * handled the case), and each filing of a case cancelled that day (`filing_cancelled`, held against whoever
 * filed it). `stocks` holds every case open at `$3`, with the status, deadline and department it had then:
 * from the first activity row whose step spans `$3`, or, with none, the case as it stands. A `route` row is
 * no step (routing may run late, after the accept step's deadline), and a case is with no department until
 * its dispatch ends `PENDING_DISPATCH` (a dispatch row names the department it goes to).
 */
const FACTS = `
  day_rows AS (
    SELECT a.id, a.case_id, a.action, a.from_status, a.to_status, a.actor_id, a.actor_role,
           CASE WHEN a.action = 'dispatch' THEN (a.details ->> 'departmentId')::uuid ELSE a.department_id END
             AS department_id,
           a.ended_at <= coalesce(a.extended_deadline, a.deadline, a.ended_at) AS on_time,
           NULL::boolean AS accurate
    FROM case_activities a
    WHERE a.ended_at >= $1 AND a.ended_at < $2
  ),
  derived AS (
    SELECT d.id, d.case_id, 'dispatch_outcome', NULL, NULL, d.actor_id, d.actor_role, NULL::uuid, NULL::boolean,
           (d.details ->> 'departmentId')::uuid IS NOT DISTINCT FROM r.department_id
    FROM day_rows r JOIN case_activities d ON d.case_id = r.case_id AND d.action = 'dispatch' AND d.id < r.id
    WHERE r.action = 'close'
    UNION ALL
    SELECT f.id, f.case_id, 'filing_cancelled', NULL, NULL, f.actor_id, f.actor_role, NULL::uuid, NULL::boolean,
           NULL::boolean
    FROM day_rows r JOIN case_activities f ON f.case_id = r.case_id AND f.action = 'file' AND f.id < r.id
    WHERE r.action = 'approve_cancellation' AND r.from_status NOT IN ('REPORTED', 'VERIFYING')
  ),
  facts AS (
    SELECT x.*, c.source, c.self_handled, c.reporter_id, c.unit_grid_code, c.community_code, c.street_code,
           c.responsibility_grid_code,
           CASE WHEN x.action = 'close' THEN coalesce(
             (SELECT fb.ended_at <= coalesce(fb.extended_deadline, fb.deadline, fb.ended_at)
              FROM case_activities fb
              WHERE fb.case_id = x.case_id AND fb.action = 'feedback' AND fb.id < x.id
              ORDER BY fb.id DESC LIMIT 1),
             true) END AS closed_on_time
    FROM (SELECT * FROM day_rows UNION ALL SELECT * FROM derived) x JOIN cases c ON c.id = x.case_id
  ),
  standing AS (
    (SELECT DISTINCT ON (a.case_id) a.case_id, a.from_status AS status,
            coalesce(a.extended_deadline, a.deadline) AS due,
            CASE WHEN a.from_status IN ('REPORTED', 'VERIFYING', 'PENDING_DISPATCH') THEN NULL
                 ELSE a.department_id END AS department_id
     FROM case_activities a
     WHERE tstzrange(a.started_at, a.ended_at, '[)') @> $3::timestamptz AND a.action <> 'route'
     ORDER BY a.case_id, a.ended_at, a.id)
    UNION ALL
    (SELECT c.id, c.status, c.step_deadline, c.department_id
     FROM cases c
     WHERE c.status NOT IN ('CLOSED', 'CANCELLED') AND c.created_at <= $3
       AND NOT EXISTS (SELECT 1 FROM case_activities a
                       WHERE a.case_id = c.id AND a.ended_at > $3 AND a.action <> 'route'))
  ),
  stocks AS (
    SELECT s.status, s.department_id, c.unit_grid_code, c.community_code, c.street_code,
           c.responsibility_grid_code,
           s.status <> 'SUSPENDED' AND s.due IS NOT NULL AND s.due < $3 AS overdue,
           s.status IN ('DISPATCHED', 'HANDLING') AS handling
    FROM standing s JOIN cases c ON c.id = s.case_id
    WHERE s.status NOT IN ('CLOSED', 'CANCELLED')
  )`;

/** The actions that end the accept step by deciding on the report (a cancellation is not an acceptance). */
const ACCEPTING = `'file', 'reject', 'send_to_verify', 'audit_self_handled'`;

/** When a fact row adds 1 to a flow counter. */
const FLOWS: Record<FlowCounter, string> = {
  reported: `action = 'report'`,
  reportedByInspector: `action = 'report' AND source = 'inspector'`,
  reportedByPublic: `action = 'report' AND source <> 'inspector'`,
  selfHandled: `action = 'report' AND self_handled`,
  accepted: `action IN (${ACCEPTING})`,
  acceptedOnTime: `action IN (${ACCEPTING}) AND on_time`,
  rejected: `action = 'reject'`,
  verifySent: `action = 'send_to_verify'`,
  verified: `action = 'report_verified'`,
  verifiedOnTime: `action = 'report_verified' AND on_time`,
  filed: `action = 'file'`,
  filedOnTime: `action = 'file' AND on_time`,
  filedPublic: `action = 'file' AND source <> 'inspector'`,
  valid: `action IN ('file', 'audit_self_handled')`,
  dispatched: `action = 'dispatch'`,
  dispatchedOnTime: `action = 'dispatch' AND on_time`,
  dispatchAccurate: `action = 'dispatch_outcome' AND accurate`,
  dispatchWrong: `action = 'dispatch_outcome' AND NOT accurate`,
  received: `action = 'dispatch'`,
  handled: `action = 'feedback'`,
  handledOnTime: `action = 'feedback' AND on_time`,
  handledOverdue: `action = 'feedback' AND NOT on_time`,
  rework: `action = 'check_failed'`,
  returned: `action = 'approve_return'`,
  postponed: `action = 'approve_postponement'`,
  suspended: `action = 'approve_suspension'`,
  cancelled: `action = 'approve_cancellation' AND from_status NOT IN ('REPORTED', 'VERIFYING')`,
  checksSent: `action = 'approve_feedback'`,
  checked: `action IN ('check_passed', 'check_failed')`,
  checkedOnTime: `action IN ('check_passed', 'check_failed') AND on_time`,
  closed: `action = 'close'`,
  closedOnTime: `action = 'close' AND closed_on_time`,
  closedOverdue: `action = 'close' AND NOT closed_on_time`,
  selfHandledClosed: `action = 'close' AND self_handled`,
  supervised: `action = 'supervise'`,
};

const STOCKS: Record<(typeof STOCK_COUNTERS)[number], string> = {
  open: 'true',
  openOverdue: 'overdue',
  handleOpen: 'handling',
  handleOpenOverdue: 'handling AND overdue',
};

/** Who a fact counts for: the object's key over `facts`, and which counters (and how, where it differs). */
interface FactProjection {
  object: EvaluationObject;
  key: string;
  counters: readonly FlowCounter[];
  instead?: Partial<Record<FlowCounter, string>>;
}

const AREA_KEYS: [EvaluationObject, string][] = [
  [EvaluationObject.UnitGrid, 'unit_grid_code'],
  [EvaluationObject.ResponsibilityGrid, 'responsibility_grid_code'],
  [EvaluationObject.Community, 'community_code'],
  [EvaluationObject.Street, 'street_code'],
];

const PERSON = (role: string) => `CASE WHEN actor_role = '${role}' THEN actor_id::text END`;
const ACTOR = 'actor_id::text';

const FACT_PROJECTIONS: FactProjection[] = [
  // Everything that happened to a case counts for the areas it lies in, and for the department it was with.
  ...AREA_KEYS.map(([object, key]) => ({ object, key, counters: FLOW_COUNTERS })),
  { object: EvaluationObject.Department, key: 'department_id::text', counters: FLOW_COUNTERS },
  // Posts: what the person did. An inspector's report is valid when it is filed, whoever files it.
  {
    object: EvaluationObject.Inspector,
    key: PERSON('inspector'),
    counters: [
      'reported',
      'reportedByInspector',
      'selfHandled',
      'verified',
      'verifiedOnTime',
      'checked',
      'checkedOnTime',
    ],
  },
  {
    object: EvaluationObject.Inspector,
    key: `CASE WHEN source = 'inspector' THEN reporter_id::text END`,
    counters: ['valid', 'selfHandledClosed'],
  },
  {
    object: EvaluationObject.Acceptor,
    key: ACTOR,
    counters: [
      'accepted',
      'acceptedOnTime',
      'rejected',
      'verifySent',
      'filed',
      'filedOnTime',
      'filedPublic',
      'valid',
      'cancelled',
    ],
    instead: { cancelled: `action = 'filing_cancelled'` },
  },
  {
    object: EvaluationObject.Dispatcher,
    key: ACTOR,
    counters: ['dispatched', 'dispatchedOnTime', 'dispatchAccurate', 'dispatchWrong'],
  },
];

const STOCK_PROJECTIONS: [EvaluationObject, string][] = [
  ...AREA_KEYS,
  [EvaluationObject.Department, 'department_id::text'],
];

function factSelect({ object, key, counters, instead = {} }: FactProjection): string {
  const predicate = (counter: FlowCounter) => instead[counter] ?? FLOWS[counter];
  const columns = FLOW_COUNTERS.map((counter) =>
    counters.includes(counter) ? `count(*) FILTER (WHERE ${predicate(counter)})` : '0',
  );
  // Only facts that count for the object: a row that counts for nothing makes no row of zeros.
  const counting = [...new Set(counters.map(predicate))].map((p) => `(${p})`).join(' OR ');
  return `SELECT '${object}' AS object_type, ${key} AS object_id, ${columns.join(', ')}, ${STOCK_COUNTERS.map(() => '0').join(', ')}
    FROM facts WHERE ${key} IS NOT NULL AND (${counting}) GROUP BY 2`;
}

function stockSelect([object, key]: [EvaluationObject, string]): string {
  const columns = STOCK_COUNTERS.map((counter) => `count(*) FILTER (WHERE ${STOCKS[counter]})`);
  return `SELECT '${object}', ${key}, ${FLOW_COUNTERS.map(() => '0').join(', ')}, ${columns.join(', ')}
    FROM stocks WHERE ${key} IS NOT NULL GROUP BY 2`;
}

const COLUMNS = COUNTERS.map(columnOf);

/**
 * Replaces the day `$4` of evaluation_daily: one row per object with anything to count, built at `$5`.
 * Delete the day's rows first (in the same transaction): an object whose open cases all closed has no row now.
 */
export const BUILD_DAY_SQL = `
  WITH ${FACTS},
  projected (object_type, object_id, ${COLUMNS.join(', ')}) AS (
    ${[...FACT_PROJECTIONS.map(factSelect), ...STOCK_PROJECTIONS.map(stockSelect)].join('\n    UNION ALL ')}
  )
  INSERT INTO evaluation_daily (day, object_type, object_id, ${COLUMNS.join(', ')}, built_at)
  SELECT $4::date, object_type, object_id, ${COLUMNS.map((column) => `sum(${column})`).join(', ')}, $5
  FROM projected
  GROUP BY object_type, object_id
  RETURNING 1`;
