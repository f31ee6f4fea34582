import {
  buildCalendar,
  chineseDaysSeed,
  DEFAULT_PERIODS,
  isWorkingDay,
  missingYears,
  type CalendarDay,
} from './working-calendar';

const seed = chineseDaysSeed();
const seeded = buildCalendar({ days: seed.days, knownYears: seed.years });

describe('buildCalendar', () => {
  it('fills in the defaults of DESIGN.md §5', () => {
    const sut = buildCalendar({});
    expect(sut.timeZone).toBe('Asia/Shanghai');
    expect(sut.periods).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ]);
    expect(sut.plainUnits).toBe('working');
    expect(sut.days.size).toBe(0);
    expect(sut.knownYears.size).toBe(0);
  });

  it('copies the default periods so that a calendar cannot change them', () => {
    const sut = buildCalendar({});
    sut.periods[0].start = '07:00';
    expect(DEFAULT_PERIODS[0].start).toBe('08:00');
  });

  it('keeps the options given', () => {
    const sut = buildCalendar({
      timeZone: 'Europe/Berlin',
      periods: [{ start: '09:00', end: '17:00' }],
      plainUnits: 'natural',
      knownYears: [2026, 2026, 2025],
    });
    expect(sut.timeZone).toBe('Europe/Berlin');
    expect(sut.periods).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(sut.plainUnits).toBe('natural');
    expect([...sut.knownYears].sort()).toEqual([2025, 2026]);
  });

  it('lets a later entry for the same date override an earlier one (admin overrides after the seed)', () => {
    const days: CalendarDay[] = [
      { date: '2026-10-08', kind: 'workday', note: 'seed' },
      { date: '2026-10-08', kind: 'holiday', note: '台风停工' },
    ];
    const sut = buildCalendar({ days });
    expect(sut.days.get('2026-10-08')).toEqual({ date: '2026-10-08', kind: 'holiday', note: '台风停工' });
    expect(sut.days.size).toBe(1);
  });

  it('accepts 24:00 as the end of the last period', () => {
    expect(buildCalendar({ periods: [{ start: '20:00', end: '24:00' }] }).periods).toHaveLength(1);
  });

  it.each([
    ['no period', []],
    ['start after end', [{ start: '12:00', end: '08:00' }]],
    ['empty period', [{ start: '08:00', end: '08:00' }]],
    [
      'overlapping periods',
      [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '18:00' },
      ],
    ],
    [
      'unsorted periods',
      [
        { start: '14:00', end: '18:00' },
        { start: '08:00', end: '12:00' },
      ],
    ],
    ['a single-digit hour', [{ start: '8:00', end: '12:00' }]],
    ['minute 60', [{ start: '08:60', end: '12:00' }]],
    ['hour 25', [{ start: '08:00', end: '25:00' }]],
    ['a time past 24:00', [{ start: '08:00', end: '24:01' }]],
  ])('rejects %s', (_name, periods) => {
    expect(() => buildCalendar({ periods })).toThrow(RangeError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => buildCalendar({ timeZone: 'Asia/Beijing' })).toThrow(RangeError);
  });

  it.each(['2026-02-30', '2026-2-01', '26-02-01', '2026-13-01', ''])('rejects the day date %p', (date) => {
    expect(() => buildCalendar({ days: [{ date, kind: 'holiday', note: '' }] })).toThrow(RangeError);
  });
});

describe('chineseDaysSeed', () => {
  it('covers the years 2004 to 2026 with no gap', () => {
    expect(seed.years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it('gives every date once, sorted', () => {
    const dates = seed.days.map((day) => day.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
  });

  it('names holidays in Chinese and marks make-up working days as 调休', () => {
    expect(seed.days).toContainEqual({ date: '2026-10-01', kind: 'holiday', note: '国庆节' });
    expect(seed.days).toContainEqual({ date: '2026-02-17', kind: 'holiday', note: '春节' });
    expect(seed.days).toContainEqual({ date: '2026-01-01', kind: 'holiday', note: '元旦' });
    expect(seed.days).toContainEqual({ date: '2026-10-10', kind: 'workday', note: '调休' });
  });

  it('has the 2026 make-up working days of the State Council notice (ecosystem.md §5)', () => {
    const workdays2026 = seed.days.filter((day) => day.date.startsWith('2026') && day.kind === 'workday');
    expect(workdays2026.map((day) => day.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('has the 2026 holidays: 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆节 7 days', () => {
    const holidays2026 = seed.days.filter((day) => day.date.startsWith('2026') && day.kind === 'holiday');
    const perNote = new Map<string, number>();
    for (const day of holidays2026) perNote.set(day.note, (perNote.get(day.note) ?? 0) + 1);
    expect(Object.fromEntries(perNote)).toEqual({
      元旦: 3,
      春节: 9,
      清明: 3,
      劳动节: 5,
      端午: 3,
      中秋: 3,
      国庆节: 7,
    });
  });

  it('returns fresh arrays on every call', () => {
    const first = chineseDaysSeed();
    first.days.length = 0;
    first.years.length = 0;
    expect(chineseDaysSeed().days.length).toBe(seed.days.length);
    expect(chineseDaysSeed().years.length).toBe(23);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-16', 'an ordinary Monday', true],
    ['2026-03-13', 'an ordinary Friday', true],
    ['2026-03-14', 'an ordinary Saturday', false],
    ['2026-03-15', 'an ordinary Sunday', false],
    ['2026-01-01', '元旦 (Thursday)', false],
    ['2026-01-04', 'a Sunday made a working day after 元旦', true],
    ['2026-02-14', 'a Saturday made a working day before 春节', true],
    ['2026-02-15', 'the first day of 春节 (Sunday)', false],
    ['2026-02-23', 'the last day of 春节 (Monday)', false],
    ['2026-02-24', 'the Tuesday after 春节', true],
    ['2026-02-28', 'a Saturday made a working day after 春节', true],
    ['2026-05-05', '劳动节 (Tuesday)', false],
    ['2026-05-09', 'a Saturday made a working day after 劳动节', true],
    ['2026-09-20', 'a Sunday made a working day before 国庆节', true],
    ['2026-09-25', '中秋 (Friday)', false],
    ['2026-10-01', '国庆节 (Thursday)', false],
    ['2026-10-07', 'the last day of 国庆节 (Wednesday)', false],
    ['2026-10-08', 'the Thursday after 国庆节', true],
    ['2026-10-10', 'a Saturday made a working day after 国庆节', true],
    ['2026-10-11', 'the Sunday after it', false],
  ])('reads %s (%s) from the seeded data', (date, _what, expected) => {
    expect(isWorkingDay(seeded, date)).toBe(expected);
  });

  it.each([
    ['2027-01-01', 'fixed-date 元旦 (Friday)', false],
    ['2027-01-02', 'a Saturday', false],
    ['2027-01-04', 'a Monday', true],
    ['2027-05-03', 'a Monday: 劳动节 is only 05-01 in the fallback', true],
    ['2027-10-01', 'fixed-date 国庆节 (Friday)', false],
    ['2027-10-04', 'a Monday: 国庆节 is only 10-01..03 in the fallback', true],
    ['2027-02-08', 'a Monday in the unknown 春节 week', true],
  ])(
    'falls back to weekends and fixed-date holidays for the unknown year 2027: %s (%s)',
    (date, _what, expected) => {
      expect(isWorkingDay(seeded, date)).toBe(expected);
    },
  );

  it('takes every weekday of a known year without entries as a working day', () => {
    const sut = buildCalendar({ knownYears: [2027] });
    expect(isWorkingDay(sut, '2027-01-01')).toBe(true);
    expect(isWorkingDay(sut, '2027-01-02')).toBe(false);
  });

  it('lets explicit days win over weekdays, weekends and the fallback', () => {
    const sut = buildCalendar({
      days: [
        ...seed.days,
        { date: '2026-10-08', kind: 'holiday', note: '台风停工' },
        { date: '2026-10-11', kind: 'workday', note: '加班' },
        { date: '2027-01-01', kind: 'workday', note: '' },
        { date: '2027-02-08', kind: 'holiday', note: '春节' },
      ],
      knownYears: seed.years,
    });
    expect(isWorkingDay(sut, '2026-10-08')).toBe(false);
    expect(isWorkingDay(sut, '2026-10-11')).toBe(true);
    expect(isWorkingDay(sut, '2027-01-01')).toBe(true);
    expect(isWorkingDay(sut, '2027-02-08')).toBe(false);
  });

  it('rejects a string that is not a calendar date', () => {
    expect(() => isWorkingDay(seeded, '2026-02-29')).toThrow(RangeError);
    expect(() => isWorkingDay(seeded, '2026/03/16')).toThrow(RangeError);
    expect(() => isWorkingDay(seeded, '2026-00-10')).toThrow(RangeError);
  });
});

describe('missingYears', () => {
  it('names 2027 for 60 days from 2026-12-15', () => {
    expect(missingYears(seeded, new Date('2026-12-15T09:00:00+08:00'), 60)).toEqual([2027]);
  });

  it('names nothing for a span inside known years', () => {
    expect(missingYears(seeded, new Date('2026-01-01T00:00:00+08:00'), 365)).toEqual([]);
    expect(missingYears(seeded, new Date('2004-01-01T00:00:00+08:00'), 365 * 20)).toEqual([]);
  });

  it('treats the span as half-open: 365 days from 2026-01-01 00:00 end before 2027, 366 do not', () => {
    expect(missingYears(seeded, new Date('2026-01-01T00:00:00+08:00'), 366)).toEqual([2027]);
  });

  it('counts a day begun late on 12-31 as touching the next year', () => {
    expect(missingYears(seeded, new Date('2026-12-31T23:00:00+08:00'), 1)).toEqual([2027]);
  });

  it('names every unknown year of a long span, in order', () => {
    expect(missingYears(seeded, new Date('2026-06-01T00:00:00+08:00'), 1000)).toEqual([2027, 2028, 2029]);
    expect(missingYears(seeded, new Date('2003-12-01T00:00:00+08:00'), 60)).toEqual([2003]);
  });

  it('reads years in the calendar time zone', () => {
    const newYearInShanghai = new Date('2026-12-31T16:30:00Z');
    expect(missingYears(buildCalendar({ knownYears: [2027] }), newYearInShanghai, 1)).toEqual([]);
    expect(
      missingYears(buildCalendar({ knownYears: [2027], timeZone: 'UTC' }), newYearInShanghai, 1),
    ).toEqual([2026]);
  });

  it('names nothing for an empty span', () => {
    expect(missingYears(seeded, new Date('2030-01-01T00:00:00+08:00'), 0)).toEqual([]);
  });

  it('rejects an invalid start', () => {
    expect(() => missingYears(seeded, new Date('nope'), 60)).toThrow(RangeError);
  });
});
