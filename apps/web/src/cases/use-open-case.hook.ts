import { useCallback } from 'react';
import { navigate, useRoute } from '../router/use-route.hook';

/** The case open in a page's drawer, kept in the address (`#/<page>?case=<id>`): select opens one, close shuts it. */
export function useOpenCase(page: string) {
  const selectedId = useRoute().query.get('case');
  const select = useCallback((id: string) => navigate(page, { case: id }, true), [page]);
  const close = useCallback(() => navigate(page, {}, true), [page]);
  return { selectedId, select, close };
}
