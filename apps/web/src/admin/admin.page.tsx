import { useI18n } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';
import { hrefOf, useRoute } from '../router/use-route.hook';
import { CalendarTab } from './calendar-tab.component';
import { CatalogueTab } from './catalogue-tab.component';
import { GridsTab } from './grids-tab.component';
import { RulesTab } from './rules-tab.component';
import { UsersTab } from './users-tab.component';
import './admin.css';

const TABS = [
  { id: 'users', title: 'admin.tab.users', component: UsersTab },
  { id: 'grids', title: 'admin.tab.grids', component: GridsTab },
  { id: 'catalogue', title: 'admin.tab.catalogue', component: CatalogueTab },
  { id: 'calendar', title: 'admin.tab.calendar', component: CalendarTab },
  { id: 'rules', title: 'admin.tab.rules', component: RulesTab },
] as const satisfies ReadonlyArray<{ id: string; title: MessageKey; component: () => unknown }>;

/**
 * Administration (issue 9): users, grids, the catalogue, the working calendar and the routing rules, one tab
 * each, the tab in the address (`#/admin?tab=rules`). Each tab reads and writes through the API of its
 * document (docs/access.md, city-model.md, catalogue-and-time.md).
 */
export function AdminPage() {
  const { t } = useI18n();
  const route = useRoute();
  const tab = TABS.find((candidate) => candidate.id === route.query.get('tab')) ?? TABS[0];
  const Tab = tab.component;
  return (
    <main className="admin" data-testid="admin" data-tab={tab.id}>
      <nav className="admin-tabs" aria-label={t('nav.admin')}>
        {TABS.map((candidate) => (
          <a
            key={candidate.id}
            href={hrefOf('/admin', { tab: candidate.id })}
            data-testid={`admin-tab-${candidate.id}`}
            aria-current={candidate.id === tab.id ? 'page' : undefined}
          >
            {t(candidate.title)}
          </a>
        ))}
      </nav>
      <div className="admin-body">
        <Tab />
      </div>
    </main>
  );
}
