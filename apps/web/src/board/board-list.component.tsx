import type { CaseChanged, Matter } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { LightDot, StatusBadge } from '../shared/badges.component';
import { matterKey } from '../shared/matter-key';

/** Rows drawn at most: a wall screen shows far fewer, and the filters narrow the rest. */
const MAX_ROWS = 300;

interface Props {
  cases: readonly CaseChanged[];
  total: number;
  selectedId: string | null;
  onSelect(id: string): void;
  matters: ReadonlyMap<string, Matter> | undefined;
  streetNames: ReadonlyMap<string, string>;
}

export function BoardList({ cases, total, selectedId, onSelect, matters, streetNames }: Props) {
  const { t, locale, shortDateTime } = useI18n();
  const matterName = (c: CaseChanged) => {
    const matter = matters?.get(matterKey(c.matter));
    return matter ? (locale === 'en' ? matter.nameEn : matter.nameZh) : c.matter.code;
  };
  return (
    <section className="case-list" aria-labelledby="case-list-title">
      <h2 id="case-list-title" data-testid="list-title" data-shown={cases.length}>
        {t('board.list.title', { shown: cases.length, total })}
      </h2>
      {cases.length === 0 ? (
        <p className="empty">{t('board.list.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th aria-label={t('board.filter.light')} />
                <th>{t('board.list.number')}</th>
                <th>{t('board.list.matter')}</th>
                <th>{t('board.list.street')}</th>
                <th>{t('board.list.status')}</th>
                <th>{t('board.list.deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.slice(0, MAX_ROWS).map((c) => (
                <tr
                  key={c.id}
                  data-testid="case-row"
                  data-case-id={c.id}
                  data-number={c.number}
                  data-status={c.status}
                  data-light={c.light}
                  aria-selected={c.id === selectedId}
                  tabIndex={0}
                  onClick={() => onSelect(c.id)}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(c.id)}
                >
                  <td>
                    <LightDot light={c.light} />
                  </td>
                  <td className="number">{c.number}</td>
                  <td className="matter" title={matterName(c)}>
                    {matterName(c)}
                  </td>
                  <td>
                    {c.streetCode ? (streetNames.get(c.streetCode) ?? c.streetCode) : t('board.outOfGrid')}
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td className="deadline">{shortDateTime(c.deadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {cases.length > MAX_ROWS && (
            <p className="more">{t('board.list.more', { count: cases.length - MAX_ROWS })}</p>
          )}
        </div>
      )}
    </section>
  );
}
