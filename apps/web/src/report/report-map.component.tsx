import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { Area } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { useGridMap } from '../shared/use-grid-map.hook';

interface Props {
  /** The unit grids in the inspector's scope, with their outlines. */
  unitGrids: readonly Area[] | undefined;
  point: [number, number] | null;
  /** The unit grid the server located the point in. */
  locatedCode: string | null;
  onPick(point: [number, number]): void;
}

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
  const pick = useRef(onPick);
  pick.current = onPick;
  const { container, map, gridsDrawn } = useGridMap(unitGrids, {
    padding: 12,
    touchPanZoomOnly: true,
    setUp(instance) {
      instance.addSource('pin', { type: 'geojson', data: pin(null) });
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
    },
  });

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
