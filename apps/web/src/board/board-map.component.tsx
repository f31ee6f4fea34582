import type { Feature, FeatureCollection, Point, Polygon, MultiPolygon } from 'geojson';
import {
  LngLatBounds,
  Map as MapLibreMap,
  type ExpressionSpecification,
  type GeoJSONSource,
  type StyleSpecification,
} from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Area, CaseChanged } from '../api/api-types';
import { MAP_START } from '../config';
import { useI18n } from '../i18n/i18n.context';
import type { GridLoad } from './board-state.reducer';

// The board's colours, shared with styles.css (--green, --yellow, --red).
export const LIGHT_COLOURS = { green: '#3fb950', yellow: '#e3b341', red: '#f85149' };

/** No tiles and no glyphs (ecosystem.md §6): a plain background, and our own GeoJSON on top. */
export const STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0b1219' } }],
};

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

const outlines = (areas: readonly Area[]): FeatureCollection<Polygon | MultiPolygon> => ({
  type: 'FeatureCollection',
  features: areas
    .filter((area) => area.geometry)
    .map((area) => ({ type: 'Feature', properties: { code: area.code }, geometry: area.geometry! })),
});

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
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [gridsDrawn, setGridsDrawn] = useState(false);
  const shaded = useRef(new Set<string>());
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const instance = new MapLibreMap({
      container: container.current!,
      style: STYLE,
      center: MAP_START.center,
      zoom: MAP_START.zoom,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    instance.on('load', () => {
      // Every source starts empty and every layer is added now, in drawing order; data comes as it loads.
      instance.addSource('unit-grids', { type: 'geojson', data: outlines([]), promoteId: 'code' });
      instance.addSource('responsibility-grids', { type: 'geojson', data: outlines([]) });
      instance.addSource('cases', { type: 'geojson', data: markers([], null) });
      instance.addLayer({
        id: 'unit-grid-base',
        type: 'fill',
        source: 'unit-grids',
        paint: { 'fill-color': '#14212d' },
      });
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
      // For whoever waits on the picture (the browser tests' screenshots): idle = everything drawn.
      const element = container.current!;
      instance.on('dataloading', () => (element.dataset.idle = 'false'));
      instance.on('idle', () => (element.dataset.idle = 'true'));
      setMap(instance);
    });
    return () => instance.remove();
  }, []);

  // The grids: drawn once they are loaded, and the view fitted to them.
  useEffect(() => {
    if (!map || !unitGrids) return;
    (map.getSource('unit-grids') as GeoJSONSource).setData(outlines(unitGrids));
    const bounds = new LngLatBounds();
    unitGrids.forEach((grid) => bounds.extend([grid.bbox[0], grid.bbox[1], grid.bbox[2], grid.bbox[3]]));
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 24, animate: false });
    setGridsDrawn(true);
  }, [map, unitGrids]);

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
