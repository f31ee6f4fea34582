import { useState } from 'react';
import { OUTSTANDING_BY, type OutstandingBy, type OutstandingRow } from '../api/evaluation-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { matterKey } from '../shared/matter-key';
import { useMatters } from '../shared/reference-data';

/** Rows drawn at most: the export holds them all. */
const MAX_ROWS = 300;

interface Props {
  by: OutstandingBy;
  matter: string;
  onChange(change: { by?: OutstandingBy; matter?: string }): void;
  rows: readonly OutstandingRow[] | undefined;
  loading: boolean;
  error: unknown;
  exporting: boolean;
  onExport(format: 'csv' | 'xlsx'): void;
}

/** Open cases now by area (or department) and matter, with how many are overdue (docs/evaluation.md). */
export function OutstandingTable({ by, matter, onChange, rows, loading, error, exporting, onExport }: Props) {
  const { t, tr, locale } = useI18n();
  const matters = useMatters().data;
  const [typed, setTyped] = useState(matter);
  const open = rows?.reduce((sum, row) => sum + row.open, 0) ?? 0;
  const overdue = rows?.reduce((sum, row) => sum + row.overdue, 0) ?? 0;
  const matterName = (row: OutstandingRow) => {
    const known = matters?.get(matterKey({ kind: row.matterKind, code: row.matterCode }));
    return known ? (locale === 'en' ? known.nameEn : known.nameZh) : (row.matterName ?? '');
  };
  return (
    <section className="panel outstanding" aria-labelledby="outstanding-title">
      <header>
        <h2 id="outstanding-title">{t('reports.outstanding.title', { open, overdue })}</h2>
        <label>
          {t('reports.outstanding.by')}
          <select
            data-testid="outstanding-by"
            value={by}
            onChange={(e) => onChange({ by: e.target.value as OutstandingBy })}
          >
            {OUTSTANDING_BY.map((value) => (
              <option key={value} value={value}>
                {tr('objectType', value)}
              </option>
            ))}
          </select>
        </label>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === '' || /^\d{2,5}$/.test(typed)) onChange({ matter: typed });
          }}
        >
          <label>
            {t('reports.outstanding.matter')}
            <input
              data-testid="outstanding-matter"
              value={typed}
              inputMode="numeric"
              pattern="\d{2,5}"
              placeholder="0601"
              size={6}
              onChange={(e) => setTyped(e.target.value.trim())}
            />
          </label>
          <button type="submit">{t('reports.outstanding.apply')}</button>
        </form>
        <div className="export">
          <button type="button" disabled={!rows || exporting} onClick={() => onExport('csv')}>
            {t('reports.export.csv')}
          </button>
          <button type="button" disabled={!rows || exporting} onClick={() => onExport('xlsx')}>
            {t('reports.export.xlsx')}
          </button>
        </div>
      </header>
      {error ? (
        <ErrorNotice error={error} />
      ) : !rows ? (
        <p className="empty">{loading ? t('app.loading') : ''}</p>
      ) : rows.length === 0 ? (
        <p className="empty">{t('reports.outstanding.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="outstanding" data-rows={rows.length}>
            <thead>
              <tr>
                <th>{tr('objectType', by)}</th>
                <th>{t('reports.outstanding.code')}</th>
                <th>{t('board.list.matter')}</th>
                <th className="num">{t('reports.outstanding.open')}</th>
                <th className="num">{t('reports.outstanding.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((row) => (
                <tr
                  key={`${row.areaId}:${row.matterKind}:${row.matterCode}`}
                  data-testid="outstanding-row"
                  data-area={row.areaId ?? ''}
                  data-matter={row.matterCode}
                >
                  <td>{row.areaName ?? row.areaId ?? t('reports.outstanding.unplaced')}</td>
                  <td className="num">{row.matterCode}</td>
                  <td className="name">{matterName(row)}</td>
                  <td className="num">{row.open}</td>
                  <td className={`num${row.overdue ? ' overdue' : ''}`}>{row.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > MAX_ROWS && (
            <p className="more">{t('reports.ranking.more', { count: rows.length - MAX_ROWS })}</p>
          )}
        </div>
      )}
    </section>
  );
}
