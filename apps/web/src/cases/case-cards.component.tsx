import type { ReactNode } from 'react';
import type { CaseChanged, Matter } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { LightDot, StatusBadge } from '../shared/badges.component';
import { matterKey } from '../shared/matter-key';

interface Props {
  cases: readonly CaseChanged[];
  selectedId: string | null;
  onSelect(id: string): void;
  matters: ReadonlyMap<string, Matter> | undefined;
  streetNames: ReadonlyMap<string, string>;
  empty: string;
  /** A line of its own under a case (whose task it is, what waits). */
  note?(c: CaseChanged): ReactNode;
}

/**
 * Cases as cards, one under the other: a list a thumb can use on a phone and a desk can scan. Light, number,
 * status, matter, street and the deadline of the step the case is in.
 */
export function CaseCards({ cases, selectedId, onSelect, matters, streetNames, empty, note }: Props) {
  const { t, locale, shortDateTime } = useI18n();
  if (cases.length === 0) return <p className="muted empty">{empty}</p>;
  return (
    <ol className="case-cards" data-testid="case-cards" data-count={cases.length}>
      {cases.map((c) => {
        const matter = matters?.get(matterKey(c.matter));
        return (
          <li key={c.id}>
            <button
              type="button"
              className={`case-card light-${c.light}`}
              data-testid="case-card"
              data-case-id={c.id}
              data-number={c.number}
              data-status={c.status}
              data-light={c.light}
              aria-current={c.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(c.id)}
            >
              <span className="case-card-line">
                <LightDot light={c.light} />
                <span className="number">{c.number}</span>
                <StatusBadge status={c.status} />
              </span>
              <span className="case-card-line">
                <span className="case-card-matter">
                  {matter ? (locale === 'en' ? matter.nameEn : matter.nameZh) : c.matter.code}
                </span>
                <span className="muted">
                  {c.streetCode ? (streetNames.get(c.streetCode) ?? c.streetCode) : t('board.outOfGrid')}
                </span>
              </span>
              <span className="case-card-line">
                <span className={`due light-${c.light}`}>
                  {c.deadline ? t('case.due', { time: shortDateTime(c.deadline) }) : t('case.noClock')}
                </span>
                {note?.(c)}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
