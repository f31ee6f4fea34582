import { Injectable } from '@nestjs/common';
import { lightAt } from '@citygrid/calendar';
import { BoardPublisher, Rooms, type CaseChangedEvent } from '@citygrid/realtime';
import type { CaseEntity } from './entities/case.entity';

/** The small, versioned event of DESIGN.md §7 for a case as it stands. */
export function caseChangedEvent(entity: CaseEntity, now: Date): CaseChangedEvent {
  const { stepWarnAt: warnAt, stepDeadline: dueAt } = entity;
  return {
    id: entity.id,
    number: entity.number,
    version: entity.version,
    seq: String(entity.changeSeq),
    status: entity.status,
    light: warnAt && dueAt ? lightAt({ warnAt, dueAt }, now) : 'green',
    gridCode: entity.responsibilityGridCode,
    streetCode: entity.streetCode,
    deptId: entity.departmentId,
    ownerId: entity.ownerId,
    matter: { kind: entity.matterKind, code: entity.matterCode },
    location: entity.lng !== null && entity.lat !== null ? [entity.lng, entity.lat] : null,
    deadline: dueAt?.toISOString() ?? null,
    at: now.toISOString(),
  };
}

/** What those a case left still hear of it: that it left, and at which version; nothing of where it went. */
export const leftEvent = (event: CaseChangedEvent): CaseChangedEvent => ({
  ...event,
  left: true,
  gridCode: null,
  streetCode: null,
  deptId: null,
  ownerId: null,
  location: null,
  deadline: null,
});

/**
 * The rooms that watch a case, matching the case scope of cases.md: the center's board, each area layer it lies
 * in, its responsibility grid (its owner, the grid manager, is there), its department and its reporter.
 */
export function roomsOf(entity: CaseEntity): string[] {
  const grid = entity.unitGridCode;
  return [
    Rooms.board,
    grid && Rooms.district(grid.slice(0, 6)),
    grid && Rooms.street(grid.slice(0, 9)),
    grid && Rooms.community(grid.slice(0, 12)),
    grid && Rooms.unitGrid(grid),
    entity.responsibilityGridCode && Rooms.grid(entity.responsibilityGridCode),
    entity.departmentId && Rooms.dept(entity.departmentId),
    entity.reporterId && Rooms.user(entity.reporterId),
  ].filter((room): room is string => Boolean(room));
}

/**
 * Tells every watcher that a case changed, after the change committed. Events carry the case's version, so
 * a client that gets one twice (a job that ran again) or out of order keeps the newest.
 */
@Injectable()
export class CaseEvents {
  constructor(private readonly board: BoardPublisher) {}

  changed(entity: CaseEntity, before?: CaseEntity): void {
    const event = caseChangedEvent(entity, new Date());
    const rooms = roomsOf(entity);
    this.board.emit(rooms, 'case.changed', event);
    // Watchers the change took the case away from (a returned case's department) hear it leave.
    const lost = before ? roomsOf(before).filter((room) => !rooms.includes(room)) : [];
    if (lost.length > 0) this.board.emit(lost, 'case.changed', leftEvent(event), rooms);
  }
}
