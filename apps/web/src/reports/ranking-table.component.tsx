import type { EvaluationRow, ObjectType } from '../api/evaluation-types';
import { useI18n } from '../i18n/i18n.context';
import { columnsOf } from './report-columns';
import { percent } from './report-query';

/** Rows drawn at most: the export holds them all. */
const MAX_ROWS = 300;

interface Props {
  type: ObjectType;
  rows: readonly EvaluationRow[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/** The ranking: rank, name, score and grade, the type's main rates, and its counts. A click picks the trend. */
export function RankingTable({ type, rows, selectedId, onSelect }: Props) {
  const { t, tr } = useI18n();
  const { rates, counts } = columnsOf(type);
  const none = t('app.none');
  return (
    <section className="panel ranking" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t('reports.ranking.title', { count: rows.length })}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('reports.ranking.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="ranking" data-rows={rows.length}>
            <thead>
              <tr>
                <th className="num">{t('reports.rank')}</th>
                <th>{t('reports.name')}</th>
                <th className="num">{t('reports.score')}</th>
                <th>{t('reports.grade')}</th>
                {rates.map((rate) => (
                  <th key={rate} className="num">
                    {tr('rate', rate)}
                  </th>
                ))}
                {counts.map((counter) => (
                  <th key={counter} className="num">
                    {tr('counter', counter)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((row) => (
                <tr
                  key={row.id}
                  data-testid="ranking-row"
                  data-id={row.id}
                  data-rank={row.rank ?? ''}
                  aria-selected={row.id === selectedId}
                  tabIndex={0}
                  onClick={() => onSelect(row.id)}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(row.id)}
                >
                  <td className="num">{row.rank ?? none}</td>
                  <td className="name" title={row.id}>
                    {row.name ?? row.id}
                  </td>
                  <td className="num" data-testid="score">
                    {row.score === null ? none : row.score.toFixed(2)}
                  </td>
                  <td>
                    {row.grade ? <span className={`grade grade-${row.grade}`}>{row.grade}</span> : none}
                  </td>
                  {rates.map((rate) => (
                    <td key={rate} className="num" data-rate={rate} data-value={row.rates[rate] ?? ''}>
                      {percent(row.rates[rate]) ?? none}
                    </td>
                  ))}
                  {counts.map((counter) => (
                    <td key={counter} className="num" data-counter={counter}>
                      {row.counters[counter] ?? 0}
                    </td>
                  ))}
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
