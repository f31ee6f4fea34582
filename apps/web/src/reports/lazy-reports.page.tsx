import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.context';

const ReportsPage = lazy(() => import('./reports.page').then((module) => ({ default: module.ReportsPage })));

/** The reports page, fetched when first opened: ECharts stays out of the bundle every other page loads. */
export function LazyReportsPage() {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <main className="page">
          <p className="muted">{t('app.loading')}</p>
        </main>
      }
    >
      <ReportsPage />
    </Suspense>
  );
}
