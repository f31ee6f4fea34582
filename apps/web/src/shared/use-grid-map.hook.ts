import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { LngLatBounds, Map as MapLibreMap, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Area } from '../api/api-types';
import { MAP_START } from '../config';

/** No tiles and no glyphs (ecosystem.md §6): a plain background, and our own GeoJSON on top. */
const STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0b1219' } }],
};

/** Areas' outlines as GeoJSON, each feature with its area's `code`. */
export const outlines = (areas: readonly Area[]): FeatureCollection<Polygon | MultiPolygon> => ({
  type: 'FeatureCollection',
  features: areas
    .filter((area) => area.geometry)
    .map((area) => ({ type: 'Feature', properties: { code: area.code }, geometry: area.geometry! })),
});

interface GridMapOptions {
  /** Adds the page's own sources and layers on top of the unit grids' base, once the map has loaded. */
  setUp(map: MapLibreMap): void;
  /** Space kept around the unit grids when the view is fitted to them. */
  padding: number;
  /** Touch only pans and zooms: no pitch and no rotation. */
  touchPanZoomOnly?: boolean;
}

/**
 * A MapLibre map without tiles: a plain ground and the unit grids (source `unit-grids`, feature ids are the
 * codes, layer `unit-grid-base` fills them), drawn and the view fitted to them once they are loaded. `map` is
 * null until the map has loaded and been set up; `gridsDrawn` says the unit grids are on it. The container's
 * `data-idle` says whether everything is drawn, for whoever waits on the picture (the browser tests).
 */
export function useGridMap(unitGrids: readonly Area[] | undefined, options: GridMapOptions) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [gridsDrawn, setGridsDrawn] = useState(false);
  // The map is made once per mount, with what the first render asked for.
  const first = useRef(options);
  const { padding } = options;

  useEffect(() => {
    const { setUp, touchPanZoomOnly } = first.current;
    const instance = new MapLibreMap({
      container: container.current!,
      style: STYLE,
      center: MAP_START.center,
      zoom: MAP_START.zoom,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: !touchPanZoomOnly,
    });
    if (touchPanZoomOnly) instance.touchZoomRotate.disableRotation();
    instance.on('load', () => {
      // Every source starts empty and every layer is added now, in drawing order; data comes as it loads.
      instance.addSource('unit-grids', { type: 'geojson', data: outlines([]), promoteId: 'code' });
      instance.addLayer({
        id: 'unit-grid-base',
        type: 'fill',
        source: 'unit-grids',
        paint: { 'fill-color': '#14212d' },
      });
      setUp(instance);
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
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding, animate: false });
    setGridsDrawn(true);
  }, [map, unitGrids, padding]);

  return { container, map, gridsDrawn };
}
