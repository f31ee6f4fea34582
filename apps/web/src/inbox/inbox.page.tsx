import { useMemo, useState } from 'react';
import type { CaseStatus, Light } from '../api/api-types';
import { useSession } from '../auth/use-session.hook';
import { useBoard } from '../board/use-board.hook';
import { WhenFeedLoaded } from '../board/when-feed-loaded.component';
import { CaseCards } from '../cases/case-cards.component';
import { CaseDrawer } from '../cases/case-drawer.component';
import { byDeadline } from '../cases/case-order';
import { useOpenCase } from '../cases/use-open-case.hook';
import { useI18n } from '../i18n/i18n.context';
import { ConnectionState } from '../shared/connection-state.component';
import { LightCountButtons } from '../shared/light-count-buttons.component';
import { useDepartments, useMatters, useStreetNames } from '../shared/reference-data';

/** The inbox's tabs: what the department has to do next, then everything it has. */
const TABS = ['todo', 'DISPATCHED', 'HANDLING', 'all'] as const;
type Tab = (typeof TABS)[number];
/** Where the department acts: sign (DISPATCHED), then handle, feed back or ask (HANDLING). */
const TODO: readonly CaseStatus[] = ['DISPATCHED', 'HANDLING'];

const inTab = (tab: Tab, status: CaseStatus) =>
  tab === 'all' || (tab === 'todo' ? TODO.includes(status) : status === tab);

/**
 * The department's inbox (issue 9): the cases with the user's department or one of its sub-units, nearest
 * deadline first with their lights, live over the board's feed (docs/board.md: a case dispatched to the
 * department arrives, a returned one leaves). The drawer signs, feeds back with photos, and asks for a
 * postponement (with the extension) or a return (with the reason), as the transition table allows.
 */
export function InboxPage() {
  const { t } = useI18n();
  const user = useSession()?.user;
  const view = useBoard();
  const { selectedId, select, close } = useOpenCase('/inbox');
  const [tab, setTab] = useState<Tab>('todo');
  const [light, setLight] = useState<Light | null>(null);
  const matters = useMatters().data;
  const departments = useDepartments().data;
  const department = departments?.find((d) => d.id === user?.departmentId);
  const streetNames = useStreetNames();

  const all = useMemo(() => [...view.board.cases.values()].sort(byDeadline), [view.board.cases]);
  const inThisTab = useMemo(() => all.filter((c) => inTab(tab, c.status)), [all, tab]);
  const shown = useMemo(() => inThisTab.filter((c) => !light || c.light === light), [inThisTab, light]);

  return (
    <main className="field-page case-queue" data-testid="inbox-page" data-loaded={view.loaded}>
      <header className="queue-head">
        <h1>
          {t('inbox.title')}
          {department && <small className="muted"> · {department.name}</small>}
        </h1>
        <ConnectionState connection={view.connection} />
      </header>
      <div className="queue-tabs" role="tablist" aria-label={t('inbox.title')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`inbox-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`inbox.tab.${name}`)} <strong>{all.filter((c) => inTab(name, c.status)).length}</strong>
          </button>
        ))}
      </div>
      <LightCountButtons
        className="queue-lights"
        count={(value) => inThisTab.filter((c) => c.light === value).length}
        selected={light}
        onSelect={setLight}
        testIdPrefix="inbox-light"
      />
      <WhenFeedLoaded view={view}>
        <CaseCards
          cases={shown}
          selectedId={selectedId}
          onSelect={select}
          matters={matters}
          streetNames={streetNames}
          empty={t('inbox.empty')}
        />
      </WhenFeedLoaded>
      {selectedId && <CaseDrawer id={selectedId} live={view.board.cases.get(selectedId)} onClose={close} />}
    </main>
  );
}
