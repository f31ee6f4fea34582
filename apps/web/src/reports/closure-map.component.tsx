import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useMemo } from 'react';
import type { Area } from '../api/api-types';
import type { EvaluationRow } from '../api/evaluation-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { EChart } from './echart.component';
import { CHART_COLOURS, registerMap, type ChartOption } from './echarts-setup';
import { percent, type ReportQuery } from './report-query';

interface Props {
  layer: ReportQuery['map'];
  onLayer(layer: ReportQuery['map']): void;
  /** The outlines of the layer, from the areas API. */
  areas: readonly Area[] | undefined;
  /** The layer's ranking over the same period: each area's closing rate. */
  rows: readonly EvaluationRow[] | undefined;
  error: unknown;
  selectedId: string | null;
  onSelect(id: string): void;
}

/** Registers the layer's outlines with ECharts under a name of its own: a map drawn from our GeoJSON, no tiles. */
function registerLayer(layer: string, areas: readonly Area[]): string {
  const name = `citygrid-${layer}`;
  const geoJson: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: areas
      .filter((area) => area.geometry)
      .map((area) => ({
        type: 'Feature',
        properties: { code: area.code, name: area.name },
        geometry: area.geometry!,
      })),
  };
  // ECharts' own GeoJSON type is looser than the geojson package's: the same shape.
  registerMap(name, geoJson as unknown as Parameters<typeof registerMap>[1]);
  return name;
}

/** Streets or unit grids shaded by their closing rate over the period (结案率, docs/evaluation.md). */
export function ClosureMap({ layer, onLayer, areas, rows, error, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const mapName = useMemo(() => (areas ? registerLayer(layer, areas) : null), [layer, areas]);
  const measured = useMemo(() => (rows ?? []).filter((row) => row.rates.closingRate !== null).length, [rows]);
  const option = useMemo<ChartOption | null>(() => {
    if (!mapName || !rows) return null;
    const byId = new Map(rows.map((row) => [row.id, row]));
    const names = new Map((areas ?? []).map((area) => [area.code, area.name]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const { name } = params as { name: string };
          const row = byId.get(name);
          const rate = percent(row?.rates.closingRate) ?? t('reports.map.nothing');
          const closed = row?.counters.closed ?? 0;
          const due = closed + (row?.counters.openOverdue ?? 0);
          return `${names.get(name) ?? name}<br/>${t('rate.closingRate')}: ${rate}<br/>${t('reports.map.closed', { closed, due })}`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: 100,
        calculable: false,
        left: 8,
        bottom: 8,
        text: ['100%', '0%'],
        textStyle: { color: CHART_COLOURS.muted },
        inRange: { color: [CHART_COLOURS.red, CHART_COLOURS.yellow, CHART_COLOURS.green] },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          selectedMode: false,
          label: {
            show: layer === 'street',
            color: CHART_COLOURS.text,
            formatter: (params: unknown) => names.get((params as { name: string }).name) ?? '',
          },
          itemStyle: {
            areaColor: CHART_COLOURS.empty,
            borderColor: layer === 'street' ? CHART_COLOURS.muted : CHART_COLOURS.line,
            borderWidth: layer === 'street' ? 1 : 0.3,
          },
          emphasis: {
            label: { show: true, color: CHART_COLOURS.text },
            itemStyle: { areaColor: CHART_COLOURS.accent },
          },
          data: rows.map((row) => ({
            name: row.id,
            value:
              row.rates.closingRate === null ? Number.NaN : Math.round(row.rates.closingRate * 1000) / 10,
            itemStyle:
              row.id === selectedId ? { borderColor: CHART_COLOURS.text, borderWidth: 2 } : undefined,
          })),
        },
      ],
    };
  }, [mapName, rows, areas, layer, selectedId, t]);

  return (
    <section className="panel chart-panel" aria-labelledby="map-title">
      <header>
        <h2 id="map-title">{t('reports.map.title')}</h2>
        <label>
          {t('reports.map.layer')}
          <select
            data-testid="map-layer"
            value={layer}
            onChange={(e) => onLayer(e.target.value as ReportQuery['map'])}
          >
            <option value="street">{t('objectType.street')}</option>
            <option value="unit-grid">{t('objectType.unit-grid')}</option>
          </select>
        </label>
      </header>
      {error ? (
        <ErrorNotice error={error} />
      ) : !option ? (
        <p className="empty">{t('app.loading')}</p>
      ) : (
        <>
          <EChart option={option} testId="closure-map" label={t('reports.map.title')} onPick={onSelect} />
          <p className="muted legend-note" data-testid="map-measured" data-measured={measured}>
            {t('reports.map.note', { measured, total: rows?.length ?? 0 })}
          </p>
        </>
      )}
    </section>
  );
}
