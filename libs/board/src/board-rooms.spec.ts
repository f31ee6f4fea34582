import { Role, type Principal } from '@citygrid/common';
import { roomsOfScope } from './board-rooms';

const principal = (roles: Role[]): Principal => ({
  id: 'u1',
  username: 'someone',
  displayName: 'Someone',
  roles,
  areaCodes: [],
  departmentId: null,
  sessionId: 's1',
});

describe('roomsOfScope', () => {
  it('puts city-wide roles on the board, with their user and session', () => {
    expect(roomsOfScope(principal([Role.Dispatcher]), { all: true })).toEqual([
      'board',
      'user:u1',
      'session:s1',
    ]);
  });

  it('gives one room per area of the scope, by layer, and one per department', () => {
    const rooms = roomsOfScope(principal([Role.GridManager, Role.Handler]), {
      all: false,
      reporterId: 'u1',
      prefixes: ['330191', '330191001', '330191001001', '330191001001001'],
      responsibilityGridCodes: ['330191001R001'],
      departmentIds: ['d1', 'd2'],
    });
    expect(rooms).toEqual([
      'district:330191',
      'street:330191001',
      'community:330191001001',
      'unit:330191001001001',
      'grid:330191001R001',
      'dept:d1',
      'dept:d2',
      'user:u1',
      'session:s1',
    ]);
  });

  it('joins no room for a code that is no area, and never the board without a city-wide scope', () => {
    const rooms = roomsOfScope(principal([Role.Inspector]), {
      all: false,
      reporterId: 'u1',
      prefixes: ['not-a-code'],
      responsibilityGridCodes: [],
      departmentIds: [],
    });
    expect(rooms).toEqual(['user:u1', 'session:s1']);
  });
});
