import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { Area, CaseChanged } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { outlines, useGridMap } from '../shared/use-grid-map.hook';
import type { GridLoad } from './board-state.reducer';

// The board's colours, shared with styles.css (--green, --yellow, --red).
export const LIGHT_COLOURS = { green: '#3fb950', yellow: '#e3b341', red: '#f85149' };

const byLight = (value: ExpressionSpecification, otherwise: string): ExpressionSpecification => [
  'match',
  value,
  'red',
  LIGHT_COLOURS.red,
  'yellow',
  LIGHT_COLOURS.yellow,
  'green',
  LIGHT_COLOURS.green,
  otherwise,
];

interface Props {
  unitGrids: readonly Area[] | undefined;
  responsibilityGrids: readonly Area[] | undefined;
  /** The cases the list shows, drawn as markers. */
  cases: readonly CaseChanged[];
  /** Open cases per unit grid with their worst light: the grid's shade. */
  loads: ReadonlyMap<string, GridLoad>;
  selectedId: string | null;
  onSelect(id: string): void;
}

const markers = (cases: readonly CaseChanged[], selectedId: string | null): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: cases
    .filter((c) => c.location)
    .map((c): Feature<Point> => ({
      type: 'Feature',
      properties: { id: c.id, light: c.light, selected: c.id === selectedId },
      geometry: { type: 'Point', coordinates: c.location! },
    })),
});

/**
 * The map of the board: unit grids shaded by their open cases and worst light (feature-state, so a change
 * repaints without re-uploading the grids), responsibility grids outlined, a marker per case by its light.
 */
export function BoardMap({ unitGrids, responsibilityGrids, cases, loads, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const shaded = useRef(new Set<string>());
  const select = useRef(onSelect);
  select.current = onSelect;
  const { container, map, gridsDrawn } = useGridMap(unitGrids, {
    padding: 24,
    setUp(instance) {
      instance.addSource('responsibility-grids', { type: 'geojson', data: outlines([]) });
      instance.addSource('cases', { type: 'geojson', data: markers([], null) });
      instance.addLayer({
        id: 'unit-grid-load',
        type: 'fill',
        source: 'unit-grids',
        paint: {
          'fill-color': byLight(['coalesce', ['feature-state', 'worst'], 'none'], '#000000'),
          'fill-opacity': [
            'interpolate',
            ['linear'],
            ['coalesce', ['feature-state', 'open'], 0],
            0,
            0,
            1,
            0.3,
            5,
            0.75,
          ],
        },
      });
      instance.addLayer({
        id: 'unit-grid-lines',
        type: 'line',
        source: 'unit-grids',
        paint: { 'line-color': '#233447', 'line-width': 0.5 },
      });
      instance.addLayer({
        id: 'responsibility-grid-lines',
        type: 'line',
        source: 'responsibility-grids',
        paint: { 'line-color': '#4d6a86', 'line-width': 1.5 },
      });
      instance.addLayer({
        id: 'case-markers',
        type: 'circle',
        source: 'cases',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 4, 16, 10],
          'circle-color': byLight(['get', 'light'], LIGHT_COLOURS.green),
          'circle-stroke-color': ['case', ['get', 'selected'], '#ffffff', '#0b1219'],
          'circle-stroke-width': ['case', ['get', 'selected'], 3, 1],
        },
      });
      instance.on('click', 'case-markers', (event) => {
        const id = event.features?.[0]?.properties?.id;
        if (typeof id === 'string') select.current(id);
      });
      instance.on('mouseenter', 'case-markers', () => (instance.getCanvas().style.cursor = 'pointer'));
      instance.on('mouseleave', 'case-markers', () => (instance.getCanvas().style.cursor = ''));
    },
  });

  useEffect(() => {
    if (map && responsibilityGrids) {
      (map.getSource('responsibility-grids') as GeoJSONSource).setData(outlines(responsibilityGrids));
    }
  }, [map, responsibilityGrids]);

  // Shades: set where there is load, cleared where it went.
  useEffect(() => {
    if (!map || !gridsDrawn) return;
    for (const code of shaded.current) {
      if (!loads.has(code)) map.removeFeatureState({ source: 'unit-grids', id: code });
    }
    for (const [code, load] of loads) map.setFeatureState({ source: 'unit-grids', id: code }, { ...load });
    shaded.current = new Set(loads.keys());
  }, [map, gridsDrawn, loads]);

  useEffect(() => {
    (map?.getSource('cases') as GeoJSONSource | undefined)?.setData(markers(cases, selectedId));
  }, [map, cases, selectedId]);

  return (
    <div className="board-map">
      <div
        ref={container}
        className="map"
        data-testid="board-map"
        data-ready={Boolean(map && gridsDrawn)}
        data-markers={cases.filter((c) => c.location).length}
      />
      <div className="legend">
        <span>{t('board.map.legend')}</span>
        {(['red', 'yellow', 'green'] as const).map((light) => (
          <span key={light} className={`light-dot light-${light}`} />
        ))}
      </div>
    </div>
  );
}
