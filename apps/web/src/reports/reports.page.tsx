import { useCallback, useMemo, useState } from 'react';
import { api } from '../api/api-client';
import type { EvaluationDetail, EvaluationTable, OutstandingRow } from '../api/evaluation-types';
import { useI18n } from '../i18n/i18n.context';
import { navigate, useRoute } from '../router/use-route.hook';
import { download } from '../shared/download';
import { ErrorNotice } from '../shared/error-notice.component';
import { useAreas } from '../shared/reference-data';
import { useFetch } from '../shared/use-fetch.hook';
import { ClosureMap } from './closure-map.component';
import { OutstandingTable } from './outstanding-table.component';
import { RankingChart } from './ranking-chart.component';
import { RankingTable } from './ranking-table.component';
import { ReportControls } from './report-controls.component';
import { parseReportQuery, periodParams, reportParams, type ReportQuery } from './report-query';
import { TrendChart } from './trend-chart.component';
import './reports.css';

const EVALUATION = '/api/v1/evaluation';

/**
 * Supervisor reports (docs/evaluation.md, issue 9): the ranking of one object type over a period as a table and
 * as bars, one object's days as a trend, streets or unit grids shaded by closing rate, the outstanding problems,
 * and their exports. Every choice is in the address, so a reload or a shared link shows the same report.
 */
export function ReportsPage() {
  const { t, tr, dateTime } = useI18n();
  const route = useRoute();
  const query = useMemo(() => parseReportQuery(route.query), [route.query]);
  const change = useCallback(
    (next: Partial<ReportQuery>) => navigate('/reports', reportParams({ ...query, ...next }), true),
    [query],
  );
  const [round, setRound] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const period = periodParams(query);
  const periodKey = new URLSearchParams(period).toString();
  const table = useFetch(`${query.type}?${periodKey}#${round}`, () =>
    api.get<EvaluationTable>(`${EVALUATION}/${query.type}`, period),
  );
  const detail = useFetch(query.object ? `${query.type}/${query.object}?${periodKey}#${round}` : null, () =>
    api.get<EvaluationDetail>(`${EVALUATION}/${query.type}/${encodeURIComponent(query.object!)}`, period),
  );
  // The map's layer has a ranking of its own, unless the ranking shown is of that layer already.
  const mapIsTable = query.map === query.type;
  const mapTable = useFetch(mapIsTable ? null : `${query.map}?${periodKey}#${round}`, () =>
    api.get<EvaluationTable>(`${EVALUATION}/${query.map}`, period),
  );
  const mapAreas = useAreas(query.map === 'street' ? 'streets' : 'unit-grids', true);
  const outstanding = useFetch(`${query.by}:${query.matter}#${round}`, () =>
    api.get<OutstandingRow[]>(`${EVALUATION}/outstanding`, { by: query.by, matter: query.matter }),
  );

  const current = table.data;
  const select = useCallback((id: string) => change({ object: id }), [change]);
  const pickArea = useCallback(
    (id: string) => change(mapIsTable ? { object: id } : { type: query.map, object: id, metric: 'score' }),
    [change, mapIsTable, query.map],
  );

  async function exportFile(what: 'ranking' | 'outstanding', format: 'csv' | 'xlsx') {
    setExporting(true);
    setExportError(null);
    try {
      if (what === 'ranking' && current) {
        await download(
          `${EVALUATION}/${current.objectType}`,
          { ...period, format },
          `evaluation-${current.objectType}-${current.from}-${current.to}.${format}`,
        );
      } else {
        await download(
          `${EVALUATION}/outstanding`,
          { by: query.by, matter: query.matter, format },
          `outstanding-${query.by}.${format}`,
        );
      }
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  return (
    <main
      className="reports"
      data-testid="reports"
      data-loaded={Boolean(current) && !table.loading}
      data-type={current?.objectType}
      data-from={current?.from}
      data-to={current?.to}
    >
      <ReportControls
        query={query}
        onChange={change}
        canExport={Boolean(current)}
        exporting={exporting}
        onExport={(format) => void exportFile('ranking', format)}
      />
      <div className="report-status" data-testid="report-status">
        {current && (
          <>
            <strong>
              {tr('objectType', current.objectType)} · {current.from} ~ {current.to}
            </strong>
            <span data-testid="as-of" data-as-of={current.asOf ?? ''}>
              {current.asOf ? t('reports.asOf', { time: dateTime(current.asOf) }) : t('reports.notBuilt')}
            </span>
            <span className="muted">
              {t('reports.scheme', { name: current.scheme.name, version: current.scheme.version })}
            </span>
          </>
        )}
        <button
          type="button"
          className="quiet"
          data-testid="report-refresh"
          onClick={() => setRound((n) => n + 1)}
        >
          {t('reports.refresh')}
        </button>
        {current && !current.complete && (
          <p className="warning" role="status" data-testid="incomplete">
            {t('reports.incomplete')}
          </p>
        )}
        <ErrorNotice error={table.error ?? exportError} />
      </div>
      <div className="report-grid">
        {current ? (
          <RankingTable
            type={current.objectType}
            rows={current.rows}
            selectedId={query.object}
            onSelect={select}
          />
        ) : (
          <section className="panel ranking">
            <p className="empty">{table.error ? '' : t('app.loading')}</p>
          </section>
        )}
        <RankingChart
          type={current?.objectType ?? query.type}
          rows={current?.rows ?? []}
          metric={query.metric}
          onMetric={(metric) => change({ metric })}
          selectedId={query.object}
          onSelect={select}
        />
        <ClosureMap
          layer={query.map}
          onLayer={(map) => change({ map })}
          areas={mapAreas.data}
          rows={mapIsTable ? current?.rows : mapTable.data?.rows}
          error={mapAreas.error ?? mapTable.error}
          selectedId={query.object}
          onSelect={pickArea}
        />
        <TrendChart type={query.type} detail={detail.data} loading={detail.loading} error={detail.error} />
        <OutstandingTable
          by={query.by}
          matter={query.matter}
          onChange={change}
          rows={outstanding.data}
          loading={outstanding.loading}
          error={outstanding.error}
          exporting={exporting}
          onExport={(format) => void exportFile('outstanding', format)}
        />
      </div>
    </main>
  );
}
