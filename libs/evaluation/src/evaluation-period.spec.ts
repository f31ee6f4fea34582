import { daysOf, rangeOf } from './evaluation-period';

describe('rangeOf', () => {
  it('takes from and to as they are', () => {
    expect(rangeOf({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('finds the day, ISO week, month, quarter and year around a date', () => {
    const around = (period: 'day' | 'week' | 'month' | 'quarter' | 'year') =>
      rangeOf({ period, date: '2026-11-21' });
    expect(around('day')).toEqual({ from: '2026-11-21', to: '2026-11-21' });
    expect(around('week')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(around('month')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(around('quarter')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(around('year')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(rangeOf({ period: 'month', date: '2028-02-10' })).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });

  it.each([
    [{}, 'Give from and to'],
    [{ from: '2026-11-01' }, 'Give from and to'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'from must not be after to'],
    [{ from: '2020-01-01', to: '2026-01-01' }, 'at most 1098 days'],
    [{ period: 'month' as const }, 'period and date go together'],
    [{ period: 'month' as const, date: '2026-11-01', from: '2026-11-01' }, 'either from and to, or period'],
  ])('refuses %j with INVALID_PERIOD', (query, message) => {
    expect(() => rangeOf(query)).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD', message: expect.stringContaining(message) }),
    );
  });
});

describe('daysOf', () => {
  it('lists every day, across a month end', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});
