import { OPEN_STATUSES, type BoardCounts, type CaseStatus } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { ConnectionState } from '../shared/connection-state.component';
import { LightCountButtons } from '../shared/light-count-buttons.component';
import type { Connection } from './board-feed';
import type { BoardFilters } from './board-state.reducer';

interface Props {
  counts: BoardCounts | null;
  connection: Connection;
  filters: BoardFilters;
  onFilter(filters: BoardFilters): void;
}

/** Open cases in the user's scope by light and by status (board.counts); a click filters the list by it. */
export function BoardCounters({ counts, connection, filters, onFilter }: Props) {
  const { t, tr, time } = useI18n();
  const byStatus = counts?.byStatus ?? {};
  const total = Object.values(byStatus).reduce((sum, n) => sum + (n ?? 0), 0);
  const toggleStatus = (status: CaseStatus) =>
    onFilter({ ...filters, status: filters.status === status ? undefined : status });

  return (
    <section className="counters" aria-label={t('board.open')}>
      <div className="counters-head">
        <div className="total">
          <span>{t('board.open')}</span>
          <strong data-testid="count-total">{counts ? total : '…'}</strong>
        </div>
        <ConnectionState connection={connection}>
          {counts && <small>{t('board.asOf', { time: time(counts.asOf) })}</small>}
        </ConnectionState>
      </div>
      <LightCountButtons
        className="light-counts"
        count={(light) => counts?.byLight[light] ?? 0}
        selected={filters.light}
        onSelect={(light) => onFilter({ ...filters, light: light ?? undefined })}
        testIdPrefix="count-light"
      />
      <div className="status-counts" role="group" aria-label={t('board.byStatus')}>
        {OPEN_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            aria-pressed={filters.status === status}
            data-testid={`count-status-${status}`}
            onClick={() => toggleStatus(status)}
          >
            <span>{tr('status', status)}</span>
            <strong>{byStatus[status] ?? 0}</strong>
          </button>
        ))}
      </div>
    </section>
  );
}
