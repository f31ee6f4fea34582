import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Area } from '../api/api-types';
import type { LocateResult } from '../api/report-types';
import { GridLocator } from '../board/grid-locator';

export type Located =
  | { state: 'none' }
  | { state: 'locating' }
  | { state: 'located'; result: LocateResult }
  /** In no unit grid: the report still goes, to the dispatch center's pool (OUT_OF_GRID). */
  | { state: 'outside' }
  /** The server could not be asked: the unit grid found on the phone among the inspector's own, if any. */
  | { state: 'offline'; unitGrid: Area | null };

/**
 * Where a point falls (`GET /grids/locate`, docs/city-model.md). Without a connection the phone finds the unit
 * grid itself among the grids it has loaded, by the server's rule (board/grid-locator.ts); the server locates
 * the report again when it arrives.
 */
export function useLocate(point: [number, number] | null, unitGrids: readonly Area[] | undefined): Located {
  const [located, setLocated] = useState<Located>({ state: 'none' });
  const locator = useMemo(() => (unitGrids ? new GridLocator(unitGrids) : null), [unitGrids]);
  // Only for the fallback: the grids arriving later is no reason to ask the server again.
  const local = useRef({ locator, unitGrids });
  local.current = { locator, unitGrids };
  const lng = point?.[0];
  const lat = point?.[1];

  useEffect(() => {
    if (lng === undefined || lat === undefined) return setLocated({ state: 'none' });
    let live = true;
    setLocated({ state: 'locating' });
    api.get<LocateResult>('/api/v1/grids/locate', { lng, lat }).then(
      (result) => live && setLocated({ state: 'located', result }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.code === 'POINT_OUTSIDE_GRIDS')
          return setLocated({ state: 'outside' });
        const { locator: phone, unitGrids: grids } = local.current;
        const code = phone?.locate([lng, lat]) ?? null;
        setLocated({ state: 'offline', unitGrid: grids?.find((grid) => grid.code === code) ?? null });
      },
    );
    return () => {
      live = false;
    };
  }, [lng, lat]);

  return located;
}

/** The unit grid code of a located point, wherever it was found. */
export const locatedCode = (located: Located): string | null =>
  located.state === 'located'
    ? located.result.unitGrid.code
    : located.state === 'offline'
      ? (located.unitGrid?.code ?? null)
      : null;
