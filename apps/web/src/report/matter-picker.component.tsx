import { useEffect, useState } from 'react';
import { api } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Matter, Page } from '../api/api-types';
import type { FilingCondition, MatterDetail } from '../api/report-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { useMatters } from '../shared/reference-data';
import { cached } from '../shared/use-load.hook';

export interface PickedMatter {
  matter: MatterDetail;
  conditionKey: string;
}

interface Props {
  value: PickedMatter | null;
  /** The located grid's area class, for the handling limit that applies. */
  areaClass: 'A' | 'B' | 'C' | null;
  onChange(value: PickedMatter | null): void;
}

const RESULTS = 20;
const TYPING_MS = 250;

/** A matter with its filing conditions, once asked for in this tab. */
const loadDetail = (matter: Matter): Promise<MatterDetail> =>
  cached(`matter:${matter.kind}:${matter.code}`, () =>
    api.get<MatterDetail>(`/api/v1/catalogue/matters/${matter.kind}/${matter.code}`),
  );

/** Without the server the phone searches the catalogue it loaded: Chinese, English or code, not pinyin. */
function searchLocally(all: Iterable<Matter>, q: string): Matter[] {
  const needle = q.trim().toLowerCase();
  const found: Matter[] = [];
  for (const matter of all) {
    if (
      matter.code.startsWith(needle) ||
      matter.nameZh.includes(q.trim()) ||
      matter.nameEn.toLowerCase().includes(needle)
    )
      found.push(matter);
    if (found.length >= RESULTS) break;
  }
  return found;
}

/**
 * The matter (案件类别) and its filing condition (立案条件): a search by Chinese text, pinyin initials (`bllj`)
 * or the start of a code (`0601`) through `GET /catalogue/matters?q=`, then the matter's conditions to choose
 * from, each with what makes it a case, its closing condition and its handling limit.
 */
export function MatterPicker({ value, areaClass, onChange }: Props) {
  const { t, locale, error: describe } = useI18n();
  const catalogue = useMatters().data;
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Matter[] | null>(null);
  const [offline, setOffline] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const name = (matter: Matter) => (locale === 'en' ? matter.nameEn : matter.nameZh);

  useEffect(() => {
    const text = q.trim();
    if (!text) return setResults(null);
    let live = true;
    const timer = setTimeout(() => {
      api.get<Page<Matter>>('/api/v1/catalogue/matters', { q: text, limit: RESULTS }).then(
        (page) => {
          if (!live) return;
          setOffline(false);
          setResults(page.items);
        },
        (error: unknown) => {
          if (!live) return;
          const unreachable = error instanceof ApiError && (error.status === 0 || error.status >= 500);
          setOffline(unreachable);
          setResults(unreachable && catalogue ? searchLocally(catalogue.values(), text) : []);
        },
      );
    }, TYPING_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, catalogue]);

  async function choose(matter: Matter) {
    setProblem(null);
    try {
      const detail = await loadDetail(matter);
      const conditions = detail.filingConditions ?? [];
      onChange({ matter: detail, conditionKey: conditions.length === 1 ? conditions[0].key : '' });
      setQ('');
    } catch (error) {
      setProblem(describe(error));
    }
  }

  if (value) {
    const conditions = value.matter.filingConditions ?? [];
    return (
      <section className="report-section" aria-labelledby="report-matter">
        <div className="section-head">
          <h2 id="report-matter">{t('report.matter')}</h2>
          <button type="button" className="quiet" onClick={() => onChange(null)}>
            {t('report.changeMatter')}
          </button>
        </div>
        <p className="matter-chosen" data-testid="matter-chosen" data-code={value.matter.code}>
          <span className="matter-code">{value.matter.code}</span> {name(value.matter)}
        </p>
        <fieldset className="conditions" data-testid="conditions">
          <legend>{t('report.condition')}</legend>
          {conditions.map((condition) => (
            <ConditionOption
              key={condition.key}
              condition={condition}
              areaClass={areaClass}
              checked={value.conditionKey === condition.key}
              onChoose={() => onChange({ ...value, conditionKey: condition.key })}
            />
          ))}
        </fieldset>
      </section>
    );
  }

  return (
    <section className="report-section" aria-labelledby="report-matter">
      <h2 id="report-matter">{t('report.matter')}</h2>
      <input
        type="search"
        name="matterSearch"
        data-testid="matter-search"
        placeholder={t('report.matterSearch')}
        aria-label={t('report.matterSearch')}
        autoComplete="off"
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      {offline && <p className="muted">{t('report.matterOffline')}</p>}
      <ErrorNotice error={problem} />
      {results && (
        <ul className="matter-results" data-testid="matter-results" data-count={results.length}>
          {results.length === 0 && <li className="muted">{t('report.matterNone')}</li>}
          {results.map((matter) => (
            <li key={`${matter.kind}:${matter.code}`}>
              <button
                type="button"
                data-testid="matter-option"
                data-kind={matter.kind}
                data-code={matter.code}
                onClick={() => void choose(matter)}
              >
                <span className="matter-code">{matter.code}</span> {name(matter)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface ConditionProps {
  condition: FilingCondition;
  areaClass: 'A' | 'B' | 'C' | null;
  checked: boolean;
  onChoose(): void;
}

function ConditionOption({ condition, areaClass, checked, onChoose }: ConditionProps) {
  const { t, tr, locale } = useI18n();
  const en = locale === 'en';
  const limit = (key: 'A' | 'B' | 'C') =>
    `${condition.limits[key].amount} ${tr('unit', condition.limits[key].unit)}`;
  return (
    <label className="condition" data-testid="condition" data-key={condition.key}>
      <input type="radio" name="conditionKey" value={condition.key} checked={checked} onChange={onChoose} />
      <span>
        <span className="filing">{en ? condition.filingEn : condition.filingZh}</span>
        {condition.urgent && <span className="flag">{t('case.flag.urgent')}</span>}
        <small className="muted">
          {t('report.closing', { text: en ? condition.closingEn : condition.closingZh })}
          {' · '}
          {areaClass
            ? t('report.limit', { limit: limit(areaClass), areaClass })
            : t('report.limits', { a: limit('A'), b: limit('B'), c: limit('C') })}
        </small>
      </span>
    </label>
  );
}
