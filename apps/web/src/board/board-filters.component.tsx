import { LIGHTS, OPEN_STATUSES, type Area, type CaseStatus, type Light, type Matter } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import type { BoardFilters as Filters } from './board-state.reducer';

interface Props {
  filters: Filters;
  onFilter(filters: Filters): void;
  streets: readonly Area[];
  /** The matters of the cases on the board, by `kind:code`. */
  matters: ReadonlyArray<[string, Matter | undefined]>;
}

export function BoardFilters({ filters, onFilter, streets, matters }: Props) {
  const { t, tr, locale } = useI18n();
  const set = (change: Filters) => onFilter({ ...filters, ...change });
  const any = Object.values(filters).some(Boolean);
  return (
    <div className="filters" role="search">
      <label>
        {t('board.filter.status')}
        <select
          data-testid="filter-status"
          value={filters.status ?? ''}
          onChange={(e) => set({ status: (e.target.value || undefined) as CaseStatus | undefined })}
        >
          <option value="">{t('app.all')}</option>
          {OPEN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {tr('status', status)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('board.filter.light')}
        <select
          data-testid="filter-light"
          value={filters.light ?? ''}
          onChange={(e) => set({ light: (e.target.value || undefined) as Light | undefined })}
        >
          <option value="">{t('app.all')}</option>
          {LIGHTS.map((light) => (
            <option key={light} value={light}>
              {tr('light', light)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('board.filter.street')}
        <select
          data-testid="filter-street"
          value={filters.street ?? ''}
          onChange={(e) => set({ street: e.target.value || undefined })}
        >
          <option value="">{t('app.all')}</option>
          {streets.map((street) => (
            <option key={street.code} value={street.code}>
              {street.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('board.filter.matter')}
        <select
          data-testid="filter-matter"
          value={filters.matter ?? ''}
          onChange={(e) => set({ matter: e.target.value || undefined })}
        >
          <option value="">{t('app.all')}</option>
          {matters.map(([key, matter]) => (
            <option key={key} value={key}>
              {key.split(':')[1]} {matter ? (locale === 'en' ? matter.nameEn : matter.nameZh) : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="quiet" disabled={!any} onClick={() => onFilter({})}>
        {t('board.filter.clear')}
      </button>
    </div>
  );
}
