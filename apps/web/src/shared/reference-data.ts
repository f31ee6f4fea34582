import { useMemo } from 'react';
import { api } from '../api/api-client';
import type { Area, Department, Matter } from '../api/api-types';
import { matterKey } from './matter-key';
import { useLoad, type Loaded } from './use-load.hook';

/** The catalogue's matters by `kind:code` (docs/catalogue-and-time.md). */
export const useMatters = (): Loaded<Map<string, Matter>> =>
  useLoad('matters', async () => {
    const matters = await api.all<Matter>('/api/v1/catalogue/matters');
    return new Map(matters.map((matter) => [matterKey(matter), matter]));
  });

/** Departments and sub-units in the caller's view. */
export const useDepartments = (): Loaded<Department[]> =>
  useLoad('departments', () => api.all<Department>('/api/v1/departments'));

/** The areas of one layer in the caller's scope, with their outlines when asked (docs/city-model.md). */
export const useAreas = (
  layer: 'districts' | 'streets' | 'communities' | 'unit-grids' | 'responsibility-grids',
  geometry = false,
): Loaded<Area[]> =>
  useLoad(`areas:${layer}:${geometry}`, () => api.all<Area>(`/api/v1/areas/${layer}`, { geometry }));

/** The names of the streets in the caller's scope, by code. */
export function useStreetNames(): ReadonlyMap<string, string> {
  const streets = useAreas('streets').data;
  return useMemo(() => new Map((streets ?? []).map((s) => [s.code, s.name])), [streets]);
}
