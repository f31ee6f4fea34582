import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { LngLatBounds, Map as MapLibreMap, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Area } from '../api/api-types';
import { STYLE } from '../board/board-map.component';
import { MAP_START } from '../config';
import { useI18n } from '../i18n/i18n.context';

interface Props {
  /** The unit grids in the inspector's scope, with their outlines. */
  unitGrids: readonly Area[] | undefined;
  point: [number, number] | null;
  /** The unit grid the server located the point in. */
  locatedCode: string | null;
  onPick(point: [number, number]): void;
}

const outlines = (areas: readonly Area[]): FeatureCollection<Polygon | MultiPolygon> => ({
  type: 'FeatureCollection',
  features: areas
    .filter((area) => area.geometry)
    .map((area) => ({ type: 'Feature', properties: { code: area.code }, geometry: area.geometry! })),
});

const pin = (point: [number, number] | null): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: point
    ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: point } }]
    : [],
});

/**
 * A small map to tap where the problem is: the board's map without tiles (a plain ground and the grids'
 * outlines), the inspector's own unit grids, the located grid filled and the point marked.
 */
export function ReportMap({ unitGrids, point, locatedCode, onPick }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [gridsDrawn, setGridsDrawn] = useState(false);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const instance = new MapLibreMap({
      container: container.current!,
      style: STYLE,
      center: MAP_START.center,
      zoom: MAP_START.zoom,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    instance.touchZoomRotate.disableRotation();
    instance.on('load', () => {
      instance.addSource('unit-grids', { type: 'geojson', data: outlines([]) });
      instance.addSource('pin', { type: 'geojson', data: pin(null) });
      instance.addLayer({
        id: 'unit-grid-base',
        type: 'fill',
        source: 'unit-grids',
        paint: { 'fill-color': '#14212d' },
      });
      instance.addLayer({
        id: 'unit-grid-located',
        type: 'fill',
        source: 'unit-grids',
        filter: ['==', ['get', 'code'], ''],
        paint: { 'fill-color': '#4aa3ff', 'fill-opacity': 0.35 },
      });
      instance.addLayer({
        id: 'unit-grid-lines',
        type: 'line',
        source: 'unit-grids',
        paint: { 'line-color': '#2e4459', 'line-width': 0.8 },
      });
      instance.addLayer({
        id: 'pin',
        type: 'circle',
        source: 'pin',
        paint: {
          'circle-radius': 8,
          'circle-color': '#f85149',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      instance.on('click', (event) => pick.current([event.lngLat.lng, event.lngLat.lat]));
      const element = container.current!;
      instance.on('dataloading', () => (element.dataset.idle = 'false'));
      instance.on('idle', () => (element.dataset.idle = 'true'));
      setMap(instance);
    });
    return () => instance.remove();
  }, []);

  useEffect(() => {
    if (!map || !unitGrids) return;
    (map.getSource('unit-grids') as GeoJSONSource).setData(outlines(unitGrids));
    const bounds = new LngLatBounds();
    unitGrids.forEach((grid) => bounds.extend([grid.bbox[0], grid.bbox[1], grid.bbox[2], grid.bbox[3]]));
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 12, animate: false });
    setGridsDrawn(true);
  }, [map, unitGrids]);

  useEffect(() => {
    if (!map) return;
    (map.getSource('pin') as GeoJSONSource).setData(pin(point));
    // A point from the phone's position may be off screen: bring it into view.
    if (point && !map.getBounds().contains(point)) map.jumpTo({ center: point });
  }, [map, point]);

  useEffect(() => {
    map?.setFilter('unit-grid-located', ['==', ['get', 'code'], locatedCode ?? '']);
  }, [map, locatedCode]);

  return (
    <div className="report-map">
      <div
        ref={container}
        className="map"
        data-testid="report-map"
        data-ready={Boolean(map && (gridsDrawn || unitGrids?.length === 0))}
        aria-label={t('report.map.hint')}
      />
    </div>
  );
}
