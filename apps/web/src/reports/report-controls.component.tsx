import { OBJECT_TYPES, PERIODS, type ObjectType } from '../api/evaluation-types';
import { useI18n } from '../i18n/i18n.context';
import type { PeriodChoice, ReportQuery } from './report-query';

interface Props {
  query: ReportQuery;
  onChange(change: Partial<ReportQuery>): void;
  /** Export buttons are live once there is a table to export. */
  canExport: boolean;
  exporting: boolean;
  onExport(format: 'csv' | 'xlsx'): void;
}

/** What the ranking is of and over which days, and its export. */
export function ReportControls({ query, onChange, canExport, exporting, onExport }: Props) {
  const { t, tr } = useI18n();
  return (
    <div className="report-controls" role="search">
      <label>
        {t('reports.objectType')}
        <select
          data-testid="report-type"
          value={query.type}
          onChange={(e) => onChange({ type: e.target.value as ObjectType, object: null, metric: 'score' })}
        >
          {OBJECT_TYPES.map((type) => (
            <option key={type} value={type}>
              {tr('objectType', type)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reports.period')}
        <select
          data-testid="report-period"
          value={query.period}
          onChange={(e) => onChange({ period: e.target.value as PeriodChoice })}
        >
          {[...PERIODS, 'range' as const].map((period) => (
            <option key={period} value={period}>
              {tr('period', period)}
            </option>
          ))}
        </select>
      </label>
      {query.period === 'range' ? (
        <>
          <DateField
            label={t('reports.from')}
            testId="report-from"
            value={query.from}
            max={query.to}
            onChange={(from) => onChange({ from })}
          />
          <DateField
            label={t('reports.to')}
            testId="report-to"
            value={query.to}
            min={query.from}
            onChange={(to) => onChange({ to })}
          />
        </>
      ) : (
        <DateField
          label={t('reports.date')}
          testId="report-date"
          value={query.date}
          onChange={(date) => onChange({ date })}
        />
      )}
      <div className="export">
        <button
          type="button"
          data-testid="export-csv"
          disabled={!canExport || exporting}
          onClick={() => onExport('csv')}
        >
          {t('reports.export.csv')}
        </button>
        <button
          type="button"
          data-testid="export-xlsx"
          disabled={!canExport || exporting}
          onClick={() => onExport('xlsx')}
        >
          {t('reports.export.xlsx')}
        </button>
      </div>
    </div>
  );
}

interface DateFieldProps {
  label: string;
  testId: string;
  value: string;
  min?: string;
  max?: string;
  /** Called with a day only: clearing the field keeps the day it had. */
  onChange(value: string): void;
}

function DateField({ label, testId, value, min, max, onChange }: DateFieldProps) {
  return (
    <label>
      {label}
      <input
        type="date"
        data-testid={testId}
        value={value}
        min={min}
        max={max}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      />
    </label>
  );
}
