import { AreaLayer, layerOfCode } from '@citygrid/areas';
import type { CaseScope } from '@citygrid/cases';
import type { Principal } from '@citygrid/common';
import { Rooms } from '@citygrid/realtime';

const AREA_ROOM: Partial<Record<AreaLayer, (code: string) => string>> = {
  [AreaLayer.Districts]: Rooms.district,
  [AreaLayer.Streets]: Rooms.street,
  [AreaLayer.Communities]: Rooms.community,
  [AreaLayer.UnitGrids]: Rooms.unitGrid,
  [AreaLayer.ResponsibilityGrids]: Rooms.grid,
};

/**
 * The rooms a signed-in socket joins (DESIGN.md §7): the center's `board` for city-wide roles, otherwise one room
 * per area and department of the caller's case scope; always its user and session. Together they receive
 * exactly the cases the caller may read (case-events.ts roomsOf emits to the same kinds of room).
 */
export function roomsOfScope(principal: Principal, scope: CaseScope): string[] {
  const own = [Rooms.user(principal.id), Rooms.session(principal.sessionId)];
  if (scope.all) return [Rooms.board, ...own];
  const areas = [...scope.prefixes, ...scope.responsibilityGridCodes].flatMap((code) => {
    const layer = layerOfCode(code);
    const room = layer && AREA_ROOM[layer];
    return room ? [room(code)] : [];
  });
  return [...new Set([...areas, ...scope.departmentIds.map(Rooms.dept), ...own])];
}
