import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import type { BoardView } from './board-feed';

/** The board feed's cases once the first snapshot is in; until then its error or a loading note. */
export function WhenFeedLoaded({ view, children }: { view: BoardView; children: ReactNode }) {
  const { t } = useI18n();
  if (view.error && !view.loaded) return <ErrorNotice error={view.error} />;
  return view.loaded ? children : <p className="muted">{t('app.loading')}</p>;
}
