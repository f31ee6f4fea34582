import type { CaseActivity, Department } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';

interface Props {
  activities: readonly CaseActivity[];
  departments: ReadonlyMap<string, Department>;
}

/** The case's append-only log, oldest first: when, what, who, from which status to which, and why. */
export function CaseTimeline({ activities, departments }: Props) {
  const { t, tr, dateTime } = useI18n();
  return (
    <ol className="timeline" data-testid="timeline">
      {activities.map((activity) => {
        const department = activity.details?.departmentId ?? null;
        return (
          <li key={activity.id} data-testid="timeline-entry" data-action={activity.action}>
            <time dateTime={activity.endedAt}>{dateTime(activity.endedAt)}</time>
            <div>
              <strong>{tr('action', activity.action)}</strong>
              {activity.fromStatus !== activity.toStatus && (
                <span className="transition">
                  {activity.fromStatus ? `${tr('status', activity.fromStatus)} → ` : ''}
                  {tr('status', activity.toStatus)}
                </span>
              )}
              <span className="actor">
                {activity.actorName ?? ''}
                {activity.actorRole ? ` · ${tr('role', activity.actorRole)}` : ''}
              </span>
              {department && (
                <span className="actor">
                  → {departments.get(department)?.name ?? t('case.otherDepartment')}
                </span>
              )}
              {activity.opinion && <p className="opinion">{activity.opinion}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
