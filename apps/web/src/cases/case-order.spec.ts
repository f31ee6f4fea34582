import type { CaseChanged } from '../api/api-types';
import { byDeadline, casesIn } from './case-order';

const event = (id: string, change: Partial<CaseChanged>): CaseChanged => ({
  id,
  number: `20261121${id.padStart(6, '0')}`,
  version: 1,
  seq: '1',
  status: 'DISPATCHED',
  light: 'green',
  gridCode: null,
  streetCode: null,
  deptId: 'd',
  ownerId: null,
  matter: { kind: 'event', code: '06010' },
  location: null,
  deadline: null,
  at: '2026-11-21T06:00:00.000Z',
  ...change,
});

describe('the order of an inbox or a task list', () => {
  it('puts the nearest deadline first (the overdue before the rest) and no deadline last', () => {
    const cases = [
      event('1', { deadline: '2026-11-21T09:00:00.000Z' }),
      event('2', { deadline: null, status: 'SUSPENDED' }),
      event('3', { deadline: '2026-11-21T05:00:00.000Z', light: 'red' }),
      event('4', { deadline: '2026-11-21T07:00:00.000Z', light: 'yellow' }),
    ];
    expect([...cases].sort(byDeadline).map((c) => c.id)).toEqual(['3', '4', '1', '2']);
  });

  it('keeps the statuses asked for', () => {
    const cases = [
      event('1', { status: 'VERIFYING', deadline: '2026-11-21T09:00:00.000Z' }),
      event('2', { status: 'HANDLING' }),
      event('3', { status: 'CHECKING', deadline: '2026-11-21T08:00:00.000Z' }),
    ];
    expect(casesIn(cases, ['VERIFYING', 'CHECKING']).map((c) => c.id)).toEqual(['3', '1']);
  });
});
