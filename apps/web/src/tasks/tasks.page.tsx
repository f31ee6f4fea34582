import { useMemo } from 'react';
import type { CaseChanged, CaseStatus } from '../api/api-types';
import { useBoard } from '../board/use-board.hook';
import { WhenFeedLoaded } from '../board/when-feed-loaded.component';
import { CaseCards } from '../cases/case-cards.component';
import { CaseDrawer } from '../cases/case-drawer.component';
import { casesIn } from '../cases/case-order';
import { useAllowedActions } from '../cases/use-allowed-actions.hook';
import { useOpenCase } from '../cases/use-open-case.hook';
import { useI18n } from '../i18n/i18n.context';
import { useReportQueue } from '../report/use-report-queue.hook';
import { ConnectionState } from '../shared/connection-state.component';
import { useMatters, useStreetNames } from '../shared/reference-data';

/** An inspector's field tasks: verify a report (核实) and check a department's work (核查). */
const TASK_STATUSES: readonly CaseStatus[] = ['VERIFYING', 'CHECKING'];

/**
 * My tasks (issue 9): the VERIFYING and CHECKING cases in the inspector's scope, nearest deadline first, kept
 * live by the board's feed (the same snapshot and socket events as the board, docs/board.md). A case opens in
 * the drawer, whose buttons are the actions the inspector may take (report_verified, check_passed,
 * check_failed), each with its photos.
 */
export function TasksPage() {
  const { t, tr } = useI18n();
  const view = useBoard();
  const { selectedId, select, close } = useOpenCase('/tasks');
  const matters = useMatters().data;
  const streetNames = useStreetNames();
  const tasks = useMemo(() => casesIn(view.board.cases.values(), TASK_STATUSES), [view.board.cases]);
  const allowed = useAllowedActions(tasks);
  // The outbox keeps sending from this page too; it says when reports are still waiting.
  const waiting = useReportQueue().items.filter((item) => item.state === 'waiting').length;

  const note = (c: CaseChanged) => {
    const actions = allowed.get(c.id);
    if (!actions || actions.version < c.version) return null;
    return actions.actions.length > 0 ? (
      <span className="task-kind">{tr('task', c.status)}</span>
    ) : (
      <span className="muted">{t('tasks.notYours')}</span>
    );
  };

  return (
    <main className="field-page case-queue" data-testid="tasks-page" data-loaded={view.loaded}>
      <header className="queue-head">
        <h1>{t('tasks.title')}</h1>
        <ConnectionState connection={view.connection} />
      </header>
      {waiting > 0 && (
        <p className="notice" data-testid="tasks-outbox">
          <a href="#/report">{t('tasks.outboxWaiting', { count: waiting })}</a>
        </p>
      )}
      <p className="queue-counts muted">
        {TASK_STATUSES.map((status) => (
          <span key={status} data-testid={`tasks-${status}`}>
            {tr('task', status)} <strong>{tasks.filter((c) => c.status === status).length}</strong>
          </span>
        ))}
      </p>
      <WhenFeedLoaded view={view}>
        <CaseCards
          cases={tasks}
          selectedId={selectedId}
          onSelect={select}
          matters={matters}
          streetNames={streetNames}
          empty={t('tasks.empty')}
          note={note}
        />
      </WhenFeedLoaded>
      {selectedId && <CaseDrawer id={selectedId} live={view.board.cases.get(selectedId)} onClose={close} />}
    </main>
  );
}
