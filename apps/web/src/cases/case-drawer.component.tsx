import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { CaseChanged, CaseDetail } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { LightDot, StatusBadge } from '../shared/badges.component';
import { ErrorNotice } from '../shared/error-notice.component';
import { useAreas, useDepartments } from '../shared/reference-data';
import { CaseActionForm } from './case-action-form.component';
import { CAUTIOUS } from './case-action-rules';
import { CasePhotos } from './case-photos.component';
import { CaseTimeline } from './case-timeline.component';

interface Props {
  id: string;
  /** The case as the board has it now; undefined once it left the board. */
  live: CaseChanged | undefined;
  onClose(): void;
}

/**
 * One case: what, where, its clock, photos, timeline and the actions the caller may take now. It reloads when
 * the board hears of a newer version, so what it shows and offers never lags behind the list.
 */
export function CaseDrawer({ id, live, onClose }: Props) {
  const i18n = useI18n();
  const { t, tr, dateTime } = i18n;
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const departments = useDepartments().data;
  const streets = useAreas('streets').data;
  const departmentsById = useMemo(() => new Map((departments ?? []).map((d) => [d.id, d])), [departments]);
  const wasLive = useRef(false);
  /** While an action is on its way, the board may hear of it first: that is no one else's change. */
  const submitting = useRef(false);

  const load = useCallback(async () => {
    try {
      setDetail(await api.get<CaseDetail>(`/api/v1/cases/${id}`));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [id]);

  useEffect(() => {
    setDetail(null);
    setError(null);
    setNotice(null);
    setAction(null);
    wasLive.current = false;
    void load();
  }, [load]);

  // Someone else moved the case: show it as it is now, and drop a form that was filled for the old state.
  useEffect(() => {
    if (!detail || submitting.current) return;
    if (live) wasLive.current = true;
    if (live && live.version > detail.version) {
      if (action) setNotice(t('case.changedElsewhere'));
      setAction(null);
      void load();
    } else if (!live && wasLive.current) {
      wasLive.current = false;
      setNotice(t('case.gone'));
      setAction(null);
      void load();
    }
  }, [live, detail, action, load, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  function actionFailed(caught: unknown) {
    submitting.current = false;
    setNotice(i18n.error(caught));
    if (caught instanceof ApiError && caught.status === 409) {
      setAction(null);
      void load();
    }
  }

  const street = detail?.location.streetCode
    ? (streets?.find((s) => s.code === detail.location.streetCode)?.name ?? detail.location.streetCode)
    : null;
  const department = detail?.departmentId ? departmentsById.get(detail.departmentId)?.name : null;

  return (
    <aside
      className="drawer"
      aria-labelledby="drawer-title"
      data-testid="case-drawer"
      data-case-id={id}
      data-status={detail?.status}
      data-version={detail?.version}
    >
      <header>
        <h2 id="drawer-title">{t('case.title', { number: detail?.number ?? live?.number ?? '' })}</h2>
        {detail && <StatusBadge status={detail.status} />}
        <LightDot light={detail?.step?.light} />
        <button type="button" className="quiet close" onClick={onClose} aria-label={t('app.close')}>
          ×
        </button>
      </header>
      {notice && (
        <p className="notice" role="status" data-testid="drawer-notice">
          {notice}
        </p>
      )}
      {error ? (
        <ErrorNotice error={error}>
          {' '}
          <button type="button" className="quiet" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </ErrorNotice>
      ) : !detail ? (
        <p className="muted">{t('case.loading')}</p>
      ) : (
        <div className="drawer-body">
          <dl className="facts">
            <dt>{t('case.matter')}</dt>
            <dd>
              {detail.matterCode} {detail.matterName}
            </dd>
            <dt>{t('case.description')}</dt>
            <dd>{detail.description}</dd>
            <dt>{t('case.where')}</dt>
            <dd>
              {[street, detail.location.unitGridCode, detail.location.address].filter(Boolean).join(' · ') ||
                t('board.outOfGrid')}
            </dd>
            <dt>{t('case.source')}</dt>
            <dd>{tr('source', detail.source)}</dd>
            {department && (
              <>
                <dt>{t('case.department')}</dt>
                <dd>{department}</dd>
              </>
            )}
            <dt>{t('case.step')}</dt>
            <dd data-testid="case-step">
              {detail.step ? (
                <>
                  <LightDot light={detail.step.light} /> {tr('step', detail.step.step)} ·{' '}
                  {t('case.due', { time: dateTime(detail.step.dueAt) })}
                </>
              ) : (
                t('case.noClock')
              )}
            </dd>
            <Flags detail={detail} />
          </dl>

          <section>
            <h3>{t('case.actions')}</h3>
            {action ? (
              <CaseActionForm
                key={`${action}:${detail.version}`}
                detail={detail}
                action={action}
                departments={departments ?? []}
                onCancel={() => setAction(null)}
                onStart={() => (submitting.current = true)}
                onError={actionFailed}
                onDone={(next) => {
                  submitting.current = false;
                  setDetail(next);
                  setAction(null);
                  setNotice(t('form.done', { action: tr('action', action) }));
                }}
              />
            ) : detail.allowedActions.length === 0 ? (
              <p className="muted">{t('case.noActions')}</p>
            ) : (
              <div className="actions" data-testid="actions">
                {detail.allowedActions.map((name) => (
                  <button
                    key={name}
                    type="button"
                    className={CAUTIOUS.has(name) ? 'cautious' : 'primary'}
                    data-action={name}
                    onClick={() => {
                      setNotice(null);
                      setAction(name);
                    }}
                  >
                    {tr('action', name)}
                  </button>
                ))}
              </div>
            )}
          </section>

          <section>
            <h3>{t('case.photos')}</h3>
            <CasePhotos photos={detail.photos} />
          </section>

          <section>
            <h3>{t('case.timeline')}</h3>
            <CaseTimeline activities={detail.activities} departments={departmentsById} />
          </section>
        </div>
      )}
    </aside>
  );
}

function Flags({ detail }: { detail: CaseDetail }) {
  const { t, tr } = useI18n();
  const flags = [
    detail.urgent && t('case.flag.urgent'),
    detail.supervised && t('case.flag.supervised'),
    detail.overdue && t('case.flag.overdue'),
    detail.reworkCount > 0 && t('case.flag.rework', { count: detail.reworkCount }),
    detail.returnCount > 0 && t('case.flag.returned', { count: detail.returnCount }),
    ...detail.pending.map((request) =>
      t('case.flag.pending', { request: tr('action', `request_${request}`) }),
    ),
  ].filter(Boolean);
  if (flags.length === 0) return null;
  return (
    <>
      <dt>{t('case.flags')}</dt>
      <dd className="flags">
        {flags.map((flag) => (
          <span key={String(flag)} className="flag">
            {flag}
          </span>
        ))}
      </dd>
    </>
  );
}
