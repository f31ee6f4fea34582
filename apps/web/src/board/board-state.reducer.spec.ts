import type { CaseChanged } from '../api/api-types';
import {
  applyChanges,
  boardFromSnapshot,
  byUrgency,
  EMPTY_BOARD,
  filterCases,
  loadByGrid,
  withCursor,
} from './board-state.reducer';

const event = (id: string, version: number, change: Partial<CaseChanged> = {}): CaseChanged => ({
  id,
  number: `20261121${id.padStart(6, '0')}`,
  version,
  seq: String(version),
  status: 'REPORTED',
  light: 'green',
  gridCode: '330191001R001',
  streetCode: '330191001',
  deptId: null,
  ownerId: null,
  matter: { kind: 'event', code: '06010' },
  location: [120.1, 30.29],
  deadline: '2026-11-23T00:10:00.000Z',
  at: '2026-11-21T06:00:00.000Z',
  ...change,
});

describe('the board state', () => {
  it('starts from the snapshot, with its cursor', () => {
    const board = boardFromSnapshot({
      seq: '41',
      asOf: '2026-11-21T06:00:00.000Z',
      cases: [event('1', 1), event('2', 3)],
      counts: { asOf: '', byStatus: {}, byLight: { green: 2, yellow: 0, red: 0 }, byStreet: {} },
    });
    expect([...board.cases.keys()]).toEqual(['1', '2']);
    expect(board.seq).toBe('41');
  });

  it('keeps the highest version of each case, whatever order the events come in', () => {
    const board = applyChanges(EMPTY_BOARD, [
      event('1', 2, { status: 'PENDING_DISPATCH' }),
      event('1', 1),
      event('1', 3, { status: 'DISPATCHED' }),
      event('1', 3, { status: 'DISPATCHED' }), // at least once: the same version again
    ]);
    expect(board.cases.get('1')).toMatchObject({ version: 3, status: 'DISPATCHED' });
  });

  it('drops closed, cancelled and left cases, and an older event does not bring them back', () => {
    let board = applyChanges(EMPTY_BOARD, [event('1', 1), event('2', 1), event('3', 1)]);
    board = applyChanges(board, [
      event('1', 5, { status: 'CLOSED' }),
      event('2', 2, { status: 'CANCELLED' }),
      event('3', 4, { left: true }),
    ]);
    expect(board.cases.size).toBe(0);
    board = applyChanges(board, [event('1', 4, { status: 'PENDING_CLOSE' }), event('3', 3)]);
    expect(board.cases.size).toBe(0);
    // A case dispatched back to the department later comes back with a newer version.
    board = applyChanges(board, [event('3', 6, { status: 'DISPATCHED' })]);
    expect([...board.cases.keys()]).toEqual(['3']);
  });

  it('answers the same state when nothing changed, so nothing renders again', () => {
    const board = applyChanges(EMPTY_BOARD, [event('1', 2)]);
    expect(applyChanges(board, [event('1', 2), event('1', 1)])).toBe(board);
    expect(applyChanges(board, [])).toBe(board);
    expect(withCursor(board, board.seq)).toBe(board);
    expect(withCursor(board, '99').seq).toBe('99');
  });

  it('filters by status, light, street and matter, red first and the nearest deadline first', () => {
    const cases = [
      event('1', 1, { light: 'green', deadline: '2026-11-21T07:00:00.000Z' }),
      event('2', 1, { light: 'red', status: 'HANDLING' }),
      event('3', 1, { light: 'yellow', streetCode: '330191002' }),
      event('4', 1, { light: 'green', deadline: '2026-11-21T06:30:00.000Z' }),
      event('5', 1, { matter: { kind: 'component', code: '01002' } }),
    ];
    expect(filterCases(cases, {}).map((c) => c.id)).toEqual(['2', '3', '4', '1', '5']);
    expect(filterCases(cases, { status: 'HANDLING' }).map((c) => c.id)).toEqual(['2']);
    expect(filterCases(cases, { light: 'green' }).map((c) => c.id)).toEqual(['4', '1', '5']);
    expect(filterCases(cases, { street: '330191002' }).map((c) => c.id)).toEqual(['3']);
    expect(filterCases(cases, { matter: 'component:01002' }).map((c) => c.id)).toEqual(['5']);
    expect([...cases].sort(byUrgency)[0].id).toBe('2');
  });

  it('puts a case without a deadline after those with one, among cases of one light', () => {
    const none = event('6', 1, { deadline: null });
    const later = event('7', 1, { deadline: '2026-11-23T01:00:00.000Z' });
    const sooner = event('8', 1, { deadline: '2026-11-22T01:00:00.000Z' });
    expect([none, later, sooner].sort(byUrgency).map((c) => c.id)).toEqual(['8', '7', '6']);
  });

  it('counts open cases per unit grid with the worst light, leaving out cases in no grid', () => {
    const grids: Record<string, string | null> = { '1': 'A', '2': 'A', '3': 'B', '4': null };
    const loads = loadByGrid(
      [event('1', 1), event('2', 1, { light: 'yellow' }), event('3', 1), event('4', 1, { light: 'red' })],
      (c) => grids[c.id],
    );
    expect(Object.fromEntries(loads)).toEqual({
      A: { open: 2, worst: 'yellow' },
      B: { open: 1, worst: 'green' },
    });
  });
});
