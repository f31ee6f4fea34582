import { useCallback, useMemo, useState } from 'react';
import type { CaseChanged, Matter } from '../api/api-types';
import { CaseDrawer } from '../cases/case-drawer.component';
import { useOpenCase } from '../cases/use-open-case.hook';
import { matterKey } from '../shared/matter-key';
import { useAreas, useMatters, useStreetNames } from '../shared/reference-data';
import { BoardCounters } from './board-counters.component';
import { BoardFilters } from './board-filters.component';
import { BoardList } from './board-list.component';
import { BoardMap } from './board-map.component';
import { filterCases, loadByGrid, type BoardFilters as Filters } from './board-state.reducer';
import { GridLocator } from './grid-locator';
import { useBoard } from './use-board.hook';
import { WhenFeedLoaded } from './when-feed-loaded.component';

/**
 * The live board (docs/board.md, issue 9): the map, the counters, the filtered list and the case drawer, all
 * fed by one snapshot and the socket after it. The open case is in the address (`#/board?case=<id>`).
 */
export function BoardPage() {
  const view = useBoard();
  const { selectedId, select, close } = useOpenCase('/board');
  const [filters, setFilters] = useState<Filters>({});
  const matters = useMatters().data;
  const streets = useAreas('streets').data;
  const unitGrids = useAreas('unit-grids', true).data;
  const responsibilityGrids = useAreas('responsibility-grids', true).data;

  const all = useMemo(() => [...view.board.cases.values()], [view.board.cases]);
  const shown = useMemo(() => filterCases(all, filters), [all, filters]);

  // A case's unit grid never changes: locate each once.
  const locator = useMemo(() => (unitGrids ? new GridLocator(unitGrids) : null), [unitGrids]);
  const located = useMemo(() => new Map<string, string | null>(), [locator]);
  const unitGridOf = useCallback(
    (c: CaseChanged) => {
      if (!locator || !c.location) return null;
      if (!located.has(c.id)) located.set(c.id, locator.locate(c.location));
      return located.get(c.id)!;
    },
    [locator, located],
  );
  const loads = useMemo(() => loadByGrid(shown, unitGridOf), [shown, unitGridOf]);

  const streetNames = useStreetNames();
  const boardMatters = useMemo(() => {
    const keys = new Set(all.map((c) => matterKey(c.matter)));
    if (filters.matter) keys.add(filters.matter);
    return [...keys].sort().map((key): [string, Matter | undefined] => [key, matters?.get(key)]);
  }, [all, matters, filters.matter]);

  return (
    <main className="board" data-testid="board" data-loaded={view.loaded}>
      <BoardMap
        unitGrids={unitGrids}
        responsibilityGrids={responsibilityGrids}
        cases={shown}
        loads={loads}
        selectedId={selectedId}
        onSelect={select}
      />
      <div className="board-side">
        <BoardCounters
          counts={view.counts}
          connection={view.connection}
          filters={filters}
          onFilter={setFilters}
        />
        <BoardFilters
          filters={filters}
          onFilter={setFilters}
          streets={streets ?? []}
          matters={boardMatters}
        />
        <WhenFeedLoaded view={view}>
          <BoardList
            cases={shown}
            total={all.length}
            selectedId={selectedId}
            onSelect={select}
            matters={matters}
            streetNames={streetNames}
          />
        </WhenFeedLoaded>
      </div>
      {selectedId && <CaseDrawer id={selectedId} live={view.board.cases.get(selectedId)} onClose={close} />}
    </main>
  );
}
