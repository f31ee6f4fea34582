import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { TimeUnit } from './time-unit';
import {
  buildCalendar,
  chineseDaysSeed,
  clockMinutes,
  isWorkingDay,
  type WorkingCalendar,
} from './working-calendar';
import { addWorkingTime, minutesPerWorkingDay, workingTimeBetween } from './working-time';

const seed = chineseDaysSeed();
const calendar = buildCalendar({ days: seed.days, knownYears: seed.years });
const natural = buildCalendar({ days: seed.days, knownYears: seed.years, plainUnits: 'natural' });
/** The working periods of ecosystem.md §5's verified example. */
const ninetoSix = buildCalendar({
  days: seed.days,
  knownYears: seed.years,
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
});

const ALL_UNITS = Object.values(TimeUnit);
const WORKING_UNITS = [
  TimeUnit.WORK_MINUTE,
  TimeUnit.WORK_HOUR,
  TimeUnit.WORK_DAY,
  TimeUnit.HOUR,
  TimeUnit.DAY,
];
const UNIT_MS: Record<TimeUnit, number> = {
  [TimeUnit.URGENT_MINUTE]: 60_000,
  [TimeUnit.WORK_MINUTE]: 60_000,
  [TimeUnit.URGENT_HOUR]: 3_600_000,
  [TimeUnit.WORK_HOUR]: 3_600_000,
  [TimeUnit.HOUR]: 3_600_000,
  [TimeUnit.WORK_DAY]: 8 * 3_600_000,
  [TimeUnit.DAY]: 8 * 3_600_000,
  [TimeUnit.URGENT_WORK_DAY]: 24 * 3_600_000,
};

/** Renders an instant in Shanghai local time so failures read like the cases. */
function shanghai(date: Date): string {
  return format(new TZDate(date.getTime(), 'Asia/Shanghai'), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx EEE");
}

function add(start: string, amount: number, unit: TimeUnit, sut: WorkingCalendar = calendar): string {
  return shanghai(addWorkingTime(new Date(start), amount, unit, sut));
}

function local(iso: string): string {
  return shanghai(new Date(iso));
}

/** mulberry32: a small seeded generator so that the property tests are reproducible. */
function seededRandom(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('minutesPerWorkingDay', () => {
  it('is 480 for the default periods and 450 for 09:00–12:00, 13:30–18:00', () => {
    expect(minutesPerWorkingDay(calendar)).toBe(480);
    expect(minutesPerWorkingDay(ninetoSix)).toBe(450);
  });
});

describe('addWorkingTime on working units (default periods 08:00–12:00, 14:00–18:00)', () => {
  it.each([
    ['skips the lunch break', '2026-03-10T11:00+08:00', 2, TimeUnit.WORK_HOUR, '2026-03-10T15:00+08:00'],
    ['skips the night', '2026-03-10T17:30+08:00', 1, TimeUnit.WORK_HOUR, '2026-03-11T08:30+08:00'],
    ['skips a weekend', '2026-03-13T17:00+08:00', 2, TimeUnit.WORK_HOUR, '2026-03-16T09:00+08:00'],
    [
      'ends at Friday 18:00, not on Monday',
      '2026-03-13T16:00+08:00',
      2,
      TimeUnit.WORK_HOUR,
      '2026-03-13T18:00+08:00',
    ],
    ['counts minutes', '2026-03-10T09:00+08:00', 90, TimeUnit.WORK_MINUTE, '2026-03-10T10:30+08:00'],
    [
      'counts minutes over lunch',
      '2026-03-10T11:59:30+08:00',
      1,
      TimeUnit.WORK_MINUTE,
      '2026-03-10T14:00:30+08:00',
    ],
  ])('%s', (_name, start, amount, unit, expected) => {
    expect(add(start, amount, unit)).toBe(local(expected));
  });

  describe('at and outside period boundaries', () => {
    it.each([
      ['08:00 + 4 h ends at 12:00, not 14:00', '2026-03-10T08:00+08:00', 4, '2026-03-10T12:00+08:00'],
      ['08:00 + 8 h ends at 18:00 the same day', '2026-03-10T08:00+08:00', 8, '2026-03-10T18:00+08:00'],
      ['11:00 + 1 h ends at 12:00', '2026-03-10T11:00+08:00', 1, '2026-03-10T12:00+08:00'],
      ['12:00 + 1 h starts at 14:00', '2026-03-10T12:00+08:00', 1, '2026-03-10T15:00+08:00'],
      ['14:00 + 4 h ends at 18:00', '2026-03-10T14:00+08:00', 4, '2026-03-10T18:00+08:00'],
      ['18:00 + 1 h starts the next morning', '2026-03-10T18:00+08:00', 1, '2026-03-11T09:00+08:00'],
      ['07:00 + 1 h starts at 08:00', '2026-03-10T07:00+08:00', 1, '2026-03-10T09:00+08:00'],
      ['00:00 + 1 h starts at 08:00', '2026-03-10T00:00+08:00', 1, '2026-03-10T09:00+08:00'],
      ['12:30 + 0.5 h starts at 14:00', '2026-03-10T12:30+08:00', 0.5, '2026-03-10T14:30+08:00'],
      ['23:00 + 4 h ends at 12:00 the next day', '2026-03-10T23:00+08:00', 4, '2026-03-11T12:00+08:00'],
    ])('%s', (_name, start, hours, expected) => {
      expect(add(start, hours, TimeUnit.WORK_HOUR)).toBe(local(expected));
    });

    it('ends one minute before 18:00 + 1 min at 18:00 and + 2 min at 08:01 the next day', () => {
      expect(add('2026-03-10T17:59+08:00', 1, TimeUnit.WORK_MINUTE)).toBe(local('2026-03-10T18:00+08:00'));
      expect(add('2026-03-10T17:59+08:00', 2, TimeUnit.WORK_MINUTE)).toBe(local('2026-03-11T08:01+08:00'));
    });
  });

  describe('National Day 2026 (10-01..07 off, Sunday 09-20 and Saturday 10-10 working, 中秋 09-25..27 off)', () => {
    it.each([
      // 16:00–18:00 on 09-30 gives 2 h; 10-01..07 are off; 10-08 is an ordinary Thursday, so 08:00–10:00.
      ['09-30 16:00 + 4 h ends on 10-08 at 10:00', '2026-09-30T16:00+08:00', 4, '2026-10-08T10:00+08:00'],
      ['09-30 16:00 + 2 h ends on 09-30 at 18:00', '2026-09-30T16:00+08:00', 2, '2026-09-30T18:00+08:00'],
      ['09-30 16:00 + 3 h ends on 10-08 at 09:00', '2026-09-30T16:00+08:00', 3, '2026-10-08T09:00+08:00'],
      ['Friday 10-09 17:00 runs into Saturday 10-10', '2026-10-09T17:00+08:00', 2, '2026-10-10T09:00+08:00'],
      ['Saturday 10-10 17:00 runs into Monday 10-12', '2026-10-10T17:00+08:00', 2, '2026-10-12T09:00+08:00'],
      ['Friday 09-18 17:00 runs into Sunday 09-20', '2026-09-18T17:00+08:00', 2, '2026-09-20T09:00+08:00'],
      [
        'Thursday 09-24 17:00 skips 中秋 to Monday 09-28',
        '2026-09-24T17:00+08:00',
        2,
        '2026-09-28T09:00+08:00',
      ],
      ['a start inside the holiday waits for 10-08', '2026-10-03T10:00+08:00', 1, '2026-10-08T09:00+08:00'],
    ])('%s', (_name, start, hours, expected) => {
      expect(add(start, hours, TimeUnit.WORK_HOUR)).toBe(local(expected));
    });

    it('agrees with ecosystem.md: 09-30 16:00 + 121 working minutes = 10-08 09:01 under 09:00–12:00, 13:30–18:00', () => {
      expect(add('2026-09-30T16:00+08:00', 121, TimeUnit.WORK_MINUTE, ninetoSix)).toBe(
        local('2026-10-08T09:01+08:00'),
      );
    });
  });

  describe('Spring Festival 2026 (02-15..23 off, Saturdays 02-14 and 02-28 working)', () => {
    it.each([
      ['Friday 02-13 17:00 runs into Saturday 02-14', '2026-02-13T17:00+08:00', 2, '2026-02-14T09:00+08:00'],
      [
        'Saturday 02-14 17:00 skips the festival to 02-24',
        '2026-02-14T17:00+08:00',
        2,
        '2026-02-24T09:00+08:00',
      ],
      ['Friday 02-27 17:00 runs into Saturday 02-28', '2026-02-27T17:00+08:00', 2, '2026-02-28T09:00+08:00'],
      ['Saturday 02-28 17:00 runs into Monday 03-02', '2026-02-28T17:00+08:00', 2, '2026-03-02T09:00+08:00'],
    ])('%s', (_name, start, hours, expected) => {
      expect(add(start, hours, TimeUnit.WORK_HOUR)).toBe(local(expected));
    });

    it('counts 2 working days from Friday 02-13 10:00 as Saturday 02-14, then Tuesday 02-24', () => {
      expect(add('2026-02-13T10:00+08:00', 1, TimeUnit.WORK_DAY)).toBe(local('2026-02-14T10:00+08:00'));
      expect(add('2026-02-13T10:00+08:00', 2, TimeUnit.WORK_DAY)).toBe(local('2026-02-24T10:00+08:00'));
    });

    it('starts a working day begun inside the festival on 02-24 at 08:00', () => {
      expect(add('2026-02-17T12:00+08:00', 1, TimeUnit.WORK_DAY)).toBe(local('2026-02-24T18:00+08:00'));
    });
  });

  describe('other 2026 holidays', () => {
    it.each([
      [
        '元旦: 2025-12-31 17:00 runs into Sunday 2026-01-04',
        '2025-12-31T17:00+08:00',
        '2026-01-04T09:00+08:00',
      ],
      [
        '劳动节: Thursday 04-30 17:00 runs into Wednesday 05-06',
        '2026-04-30T17:00+08:00',
        '2026-05-06T09:00+08:00',
      ],
      [
        '劳动节: Friday 05-08 17:00 runs into Saturday 05-09',
        '2026-05-08T17:00+08:00',
        '2026-05-09T09:00+08:00',
      ],
      [
        '清明: Friday 04-03 17:00 runs into Tuesday 04-07',
        '2026-04-03T17:00+08:00',
        '2026-04-07T09:00+08:00',
      ],
      [
        '端午: Thursday 06-18 17:00 runs into Monday 06-22',
        '2026-06-18T17:00+08:00',
        '2026-06-22T09:00+08:00',
      ],
      ['a Sunday start waits for Monday', '2026-03-15T10:00+08:00', '2026-03-16T10:00+08:00'],
    ])('%s', (_name, start, expected) => {
      expect(add(start, 2, TimeUnit.WORK_HOUR)).toBe(local(expected));
    });
  });

  describe('WORK_DAY (480 working minutes)', () => {
    it.each([
      [
        'from mid-morning ends at the same time the next working day',
        '2026-03-10T10:00+08:00',
        '2026-03-11T10:00+08:00',
      ],
      ['from 08:00 ends at 18:00 the same day', '2026-03-10T08:00+08:00', '2026-03-10T18:00+08:00'],
      ['from before work ends at 18:00 the same day', '2026-03-10T07:00+08:00', '2026-03-10T18:00+08:00'],
      ['from 18:00 ends at 18:00 the next day', '2026-03-10T18:00+08:00', '2026-03-11T18:00+08:00'],
      ['from lunch ends at 12:00 the next day', '2026-03-10T13:00+08:00', '2026-03-11T12:00+08:00'],
      ['from Friday mid-morning ends on Monday', '2026-03-13T10:00+08:00', '2026-03-16T10:00+08:00'],
    ])('%s', (_name, start, expected) => {
      expect(add(start, 1, TimeUnit.WORK_DAY)).toBe(local(expected));
    });

    it('is 450 minutes under 09:00–12:00, 13:30–18:00', () => {
      expect(add('2026-03-10T10:00+08:00', 1, TimeUnit.WORK_DAY, ninetoSix)).toBe(
        local('2026-03-11T10:00+08:00'),
      );
      expect(add('2026-03-10T18:00+08:00', 450, TimeUnit.WORK_MINUTE, ninetoSix)).toBe(
        local('2026-03-11T18:00+08:00'),
      );
    });

    it('steps over a year: 365 working days from 2026-01-05 10:00 end in the fallback year 2027', () => {
      const start = new Date('2026-01-05T10:00+08:00');
      const end = addWorkingTime(start, 365, TimeUnit.WORK_DAY, calendar);
      expect(workingTimeBetween(start, end, TimeUnit.WORK_DAY, calendar)).toBe(365);
      // 2026 has 248 working days, 246 of them after Monday 01-05 (Sunday 01-04 and 01-05 itself come before);
      // the other 119 fall in 2027, counted on weekdays except 01-01: the 119th is Thursday 2027-06-17.
      expect(shanghai(end)).toBe(local('2027-06-17T10:00+08:00'));
    });
  });

  describe('HOUR and DAY (小时, 天)', () => {
    it('read as working time by default', () => {
      expect(add('2026-03-10T11:00+08:00', 2, TimeUnit.HOUR)).toBe(local('2026-03-10T15:00+08:00'));
      // Working days after Monday 09-21: 22–24, 28–30 September, 8–10 (Saturday) and 12–16 October, then 19.
      expect(add('2026-09-21T10:00+08:00', 15, TimeUnit.DAY)).toBe(local('2026-10-19T10:00+08:00'));
      expect(add('2026-09-21T10:00+08:00', 15, TimeUnit.WORK_DAY)).toBe(local('2026-10-19T10:00+08:00'));
    });

    it("read as natural time when plainUnits is 'natural'", () => {
      expect(add('2026-03-10T11:00+08:00', 2, TimeUnit.HOUR, natural)).toBe(local('2026-03-10T13:00+08:00'));
      expect(add('2026-09-21T10:00+08:00', 15, TimeUnit.DAY, natural)).toBe(local('2026-10-06T10:00+08:00'));
      expect(add('2026-10-03T10:00+08:00', 1, TimeUnit.HOUR, natural)).toBe(local('2026-10-03T11:00+08:00'));
    });

    it("leaves the WORK_ units working when plainUnits is 'natural'", () => {
      expect(add('2026-03-10T11:00+08:00', 2, TimeUnit.WORK_HOUR, natural)).toBe(
        local('2026-03-10T15:00+08:00'),
      );
      expect(add('2026-09-21T10:00+08:00', 15, TimeUnit.WORK_DAY, natural)).toBe(
        local('2026-10-19T10:00+08:00'),
      );
    });
  });

  describe('fractional amounts', () => {
    it.each([
      [
        '1.5 working hours over lunch',
        '2026-03-10T11:00+08:00',
        1.5,
        TimeUnit.WORK_HOUR,
        '2026-03-10T14:30+08:00',
      ],
      ['half a working day', '2026-03-10T10:00+08:00', 0.5, TimeUnit.WORK_DAY, '2026-03-10T16:00+08:00'],
      [
        'a third of a working hour',
        '2026-03-10T10:00+08:00',
        1 / 3,
        TimeUnit.WORK_HOUR,
        '2026-03-10T10:20+08:00',
      ],
      [
        'a quarter of a working minute',
        '2026-03-10T10:00+08:00',
        0.25,
        TimeUnit.WORK_MINUTE,
        '2026-03-10T10:00:15+08:00',
      ],
      ['2.5 urgent hours', '2026-03-10T23:00+08:00', 2.5, TimeUnit.URGENT_HOUR, '2026-03-11T01:30+08:00'],
      ['a quarter of a natural day', '2026-03-10T23:00+08:00', 0.25, TimeUnit.DAY, '2026-03-11T05:00+08:00'],
    ])('%s', (_name, start, amount, unit, expected) => {
      expect(add(start, amount, unit, unit === TimeUnit.DAY ? natural : calendar)).toBe(local(expected));
    });

    it('keeps millisecond precision across lunch', () => {
      expect(add('2026-03-10T11:59:59.999+08:00', 2 / 60_000, TimeUnit.WORK_MINUTE)).toBe(
        local('2026-03-10T14:00:00.001+08:00'),
      );
    });
  });

  describe('negative amounts walk backwards', () => {
    it.each([
      ['over the night', '2026-03-11T08:30+08:00', -1, '2026-03-10T17:30+08:00'],
      ['over lunch', '2026-03-10T14:00+08:00', -1, '2026-03-10T11:00+08:00'],
      [
        'to a period start, not the previous period end',
        '2026-03-10T15:00+08:00',
        -1,
        '2026-03-10T14:00+08:00',
      ],
      ['over National Day', '2026-10-08T10:00+08:00', -4, '2026-09-30T16:00+08:00'],
      ['from outside working time', '2026-10-03T10:00+08:00', -2, '2026-09-30T16:00+08:00'],
    ])('%s', (_name, start, hours, expected) => {
      expect(add(start, hours, TimeUnit.WORK_HOUR)).toBe(local(expected));
    });
  });

  it('rejects an invalid start or amount', () => {
    expect(() => addWorkingTime(new Date('nope'), 1, TimeUnit.WORK_HOUR, calendar)).toThrow(RangeError);
    expect(() => addWorkingTime(new Date(), Number.NaN, TimeUnit.WORK_HOUR, calendar)).toThrow(RangeError);
    expect(() => addWorkingTime(new Date(), Infinity, TimeUnit.URGENT_HOUR, calendar)).toThrow(RangeError);
    expect(() => addWorkingTime(new Date(), 1, 'FORTNIGHT' as TimeUnit, calendar)).toThrow(RangeError);
  });

  it('stops with an error when a calendar has no working day for years', () => {
    const closed = buildCalendar({
      days: Array.from({ length: 500 }, (_, i) => ({
        date: format(new TZDate(2026, 0, 1 + i, 'Asia/Shanghai'), 'yyyy-MM-dd'),
        kind: 'holiday' as const,
        note: '',
      })),
    });
    expect(() => addWorkingTime(new Date('2026-01-01T00:00+08:00'), 1, TimeUnit.WORK_HOUR, closed)).toThrow(
      /No working day within/,
    );
  });
});

describe('addWorkingTime on continuous units', () => {
  it.each([
    [
      '24 urgent hours run through National Day',
      '2026-09-30T16:00+08:00',
      24,
      TimeUnit.URGENT_HOUR,
      '2026-10-01T16:00+08:00',
    ],
    [
      '3 urgent working days are 72 h',
      '2026-09-30T16:00+08:00',
      3,
      TimeUnit.URGENT_WORK_DAY,
      '2026-10-03T16:00+08:00',
    ],
    [
      '30 urgent minutes cross midnight',
      '2026-10-02T23:50+08:00',
      30,
      TimeUnit.URGENT_MINUTE,
      '2026-10-03T00:20+08:00',
    ],
    [
      '10 urgent hours run through a Saturday night',
      '2026-03-14T22:00+08:00',
      10,
      TimeUnit.URGENT_HOUR,
      '2026-03-15T08:00+08:00',
    ],
    [
      'urgent hours ignore lunch',
      '2026-03-10T11:00+08:00',
      2,
      TimeUnit.URGENT_HOUR,
      '2026-03-10T13:00+08:00',
    ],
    [
      'urgent minutes run through Spring Festival',
      '2026-02-17T12:00+08:00',
      90,
      TimeUnit.URGENT_MINUTE,
      '2026-02-17T13:30+08:00',
    ],
    [
      'negative urgent hours go back',
      '2026-10-01T16:00+08:00',
      -24,
      TimeUnit.URGENT_HOUR,
      '2026-09-30T16:00+08:00',
    ],
  ])('%s', (_name, start, amount, unit, expected) => {
    expect(add(start, amount, unit)).toBe(local(expected));
  });
});

describe('an amount of 0', () => {
  const starts = [
    '2026-10-03T03:00+08:00', // inside a holiday, at night
    '2026-03-14T12:34:56.789+08:00', // Saturday
    '2026-03-10T12:30+08:00', // lunch
    '2026-03-10T18:00+08:00', // a period end
    '2026-03-10T10:00+08:00', // working time
  ];
  it.each(ALL_UNITS.flatMap((unit) => starts.map((start) => [unit, start] as const)))(
    'returns the start unchanged for %s from %s',
    (unit, start) => {
      for (const sut of [calendar, natural, ninetoSix]) {
        expect(addWorkingTime(new Date(start), 0, unit, sut).getTime()).toBe(new Date(start).getTime());
        expect(addWorkingTime(new Date(start), -0, unit, sut).getTime()).toBe(new Date(start).getTime());
      }
    },
  );
});

describe('non-default periods 09:00–12:00, 13:30–18:00', () => {
  it.each([
    ['11:30 + 1 h skips lunch to 14:00', '2026-03-10T11:30+08:00', 60, '2026-03-10T14:00+08:00'],
    ['08:00 + 1 h starts at 09:00', '2026-03-10T08:00+08:00', 60, '2026-03-10T10:00+08:00'],
    ['13:00 + 30 min starts at 13:30', '2026-03-10T13:00+08:00', 30, '2026-03-10T14:00+08:00'],
    ['12:00 + 180 min ends at 16:30', '2026-03-10T12:00+08:00', 180, '2026-03-10T16:30+08:00'],
    ['Friday 17:00 + 61 min is Monday 09:01', '2026-03-13T17:00+08:00', 61, '2026-03-16T09:01+08:00'],
  ])('%s', (_name, start, minutes, expected) => {
    expect(add(start, minutes, TimeUnit.WORK_MINUTE, ninetoSix)).toBe(local(expected));
  });
});

describe('another time zone', () => {
  const berlin = buildCalendar({ timeZone: 'Europe/Berlin', knownYears: [2026] });

  it('reads the periods as local time on both sides of a DST change', () => {
    expect(addWorkingTime(new Date('2026-03-27T17:00Z'), 1, TimeUnit.WORK_HOUR, berlin).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(addWorkingTime(new Date('2026-03-27T07:00Z'), 1, TimeUnit.WORK_HOUR, berlin).toISOString()).toBe(
      '2026-03-27T08:00:00.000Z',
    );
  });

  it('answers the same from a calendar reused for many instants as from a fresh one, DST and odd offsets included', () => {
    // Days are remembered per calendar object and looked up by the quarter hour; a fresh calendar remembers nothing.
    // Monrovia kept UTC-00:44:30 until 1972, so its midnights cut a quarter hour.
    const cases: Array<[string, string]> = [
      ['Europe/Berlin', '2026-03-28T12:00Z'],
      ['Europe/Berlin', '2026-10-24T12:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T00:00Z'],
      ['Asia/Kathmandu', '2026-11-20T00:00Z'],
      ['America/St_Johns', '2026-03-07T12:00Z'],
      ['Africa/Monrovia', '1971-06-10T12:00Z'],
    ];
    for (const [timeZone, from] of cases) {
      const reused = buildCalendar({ timeZone, knownYears: [1971, 2026] });
      for (let ms = Date.parse(from); ms < Date.parse(from) + 2 * 86_400_000; ms += 7 * 60_000 + 30_000) {
        const fresh = buildCalendar({ timeZone, knownYears: [1971, 2026] });
        for (const amount of [1, -0.5, 9]) {
          expect(addWorkingTime(new Date(ms), amount, TimeUnit.WORK_HOUR, reused)).toEqual(
            addWorkingTime(new Date(ms), amount, TimeUnit.WORK_HOUR, fresh),
          );
        }
      }
    }
  });
});

describe('workingTimeBetween', () => {
  function between(a: string, b: string, unit: TimeUnit, sut: WorkingCalendar = calendar): number {
    return workingTimeBetween(new Date(a), new Date(b), unit, sut);
  }

  it('measures one working day from mid-morning to mid-morning in every working unit', () => {
    const [a, b] = ['2026-03-10T10:00+08:00', '2026-03-11T10:00+08:00'];
    expect(between(a, b, TimeUnit.WORK_DAY)).toBe(1);
    expect(between(a, b, TimeUnit.DAY)).toBe(1);
    expect(between(a, b, TimeUnit.WORK_HOUR)).toBe(8);
    expect(between(a, b, TimeUnit.HOUR)).toBe(8);
    expect(between(a, b, TimeUnit.WORK_MINUTE)).toBe(480);
  });

  it('measures continuous units on the clock', () => {
    const [a, b] = ['2026-09-30T16:00+08:00', '2026-10-08T10:00+08:00'];
    expect(between(a, b, TimeUnit.URGENT_HOUR)).toBe(186);
    expect(between(a, b, TimeUnit.URGENT_MINUTE)).toBe(186 * 60);
    expect(between(a, b, TimeUnit.URGENT_WORK_DAY)).toBe(7.75);
    expect(between(a, b, TimeUnit.HOUR, natural)).toBe(186);
    expect(between(a, b, TimeUnit.DAY, natural)).toBe(7.75);
  });

  it('counts only working time across National Day', () => {
    expect(between('2026-09-30T16:00+08:00', '2026-10-08T10:00+08:00', TimeUnit.WORK_HOUR)).toBe(4);
    expect(between('2026-09-30T16:00+08:00', '2026-10-08T09:01+08:00', TimeUnit.WORK_MINUTE, ninetoSix)).toBe(
      121,
    );
  });

  it('is negative when b is before a', () => {
    expect(between('2026-10-08T10:00+08:00', '2026-09-30T16:00+08:00', TimeUnit.WORK_HOUR)).toBe(-4);
    expect(between('2026-03-10T13:00+08:00', '2026-03-10T11:00+08:00', TimeUnit.URGENT_HOUR)).toBe(-2);
  });

  it('is 0 (not -0) inside one gap in either direction and for equal instants', () => {
    expect(between('2026-03-10T12:10+08:00', '2026-03-10T13:50+08:00', TimeUnit.WORK_MINUTE)).toBe(0);
    expect(between('2026-03-10T13:50+08:00', '2026-03-10T12:10+08:00', TimeUnit.WORK_MINUTE)).toBe(0);
    expect(between('2026-03-13T18:00+08:00', '2026-03-16T08:00+08:00', TimeUnit.WORK_HOUR)).toBe(0);
    expect(between('2026-10-01T09:00+08:00', '2026-10-07T17:00+08:00', TimeUnit.WORK_DAY)).toBe(0);
    expect(between('2026-03-10T10:00+08:00', '2026-03-10T10:00+08:00', TimeUnit.URGENT_HOUR)).toBe(0);
  });

  it('counts partial periods at both ends', () => {
    expect(between('2026-03-10T11:00+08:00', '2026-03-10T14:30+08:00', TimeUnit.WORK_HOUR)).toBe(1.5);
    expect(between('2026-03-14T10:00+08:00', '2026-03-16T09:00+08:00', TimeUnit.WORK_HOUR)).toBe(1);
    expect(between('2026-03-10T07:00+08:00', '2026-03-10T19:00+08:00', TimeUnit.WORK_HOUR)).toBe(8);
  });

  it('finds 248 working days in 2026 (261 weekdays - 19 weekday holidays + 6 make-up days)', () => {
    expect(between('2026-01-01T00:00+08:00', '2027-01-01T00:00+08:00', TimeUnit.WORK_DAY)).toBe(248);
  });
});

describe('properties (seeded random)', () => {
  const random = seededRandom(20_260_930);
  const yearStart = new Date('2026-01-01T00:00+08:00').getTime();
  const yearMs = new Date('2027-01-01T00:00+08:00').getTime() - yearStart;
  const randomStart = (): Date => new Date(yearStart + Math.floor(random() * yearMs));
  const randomUnit = (units: TimeUnit[]): TimeUnit => units[Math.floor(random() * units.length)];

  it('workingTimeBetween(s, addWorkingTime(s, x)) ≈ x for every unit', () => {
    for (let i = 0; i < 400; i++) {
      const start = randomStart();
      const unit = randomUnit(ALL_UNITS);
      const amount = random() < 0.5 ? Math.floor(random() * 40) : random() * 40;
      const end = addWorkingTime(start, amount, unit, calendar);
      const measured = workingTimeBetween(start, end, unit, calendar);
      // The only error is rounding the amount to whole milliseconds.
      expect(Math.abs(measured - amount) * UNIT_MS[unit]).toBeLessThanOrEqual(0.5 + 1e-6);
    }
  });

  it('workingTimeBetween(addWorkingTime(s, -x), s) ≈ x for working units', () => {
    for (let i = 0; i < 200; i++) {
      const start = randomStart();
      const unit = randomUnit(WORKING_UNITS);
      const amount = random() * 30;
      const earlier = addWorkingTime(start, -amount, unit, calendar);
      const measured = workingTimeBetween(earlier, start, unit, calendar);
      expect(Math.abs(measured - amount) * UNIT_MS[unit]).toBeLessThanOrEqual(0.5 + 1e-6);
    }
  });

  it('is monotonic in the amount, and strictly so once the clock has started', () => {
    for (let i = 0; i < 40; i++) {
      const start = randomStart();
      const unit = randomUnit(WORKING_UNITS);
      const amounts = Array.from({ length: 10 }, () => Math.round(random() * 20 * 1000) / 1000).sort(
        (a, b) => a - b,
      );
      const ends = amounts.map((amount) => addWorkingTime(start, amount, unit, calendar).getTime());
      for (let k = 1; k < ends.length; k++) {
        expect(ends[k]).toBeGreaterThanOrEqual(ends[k - 1]);
        if (amounts[k - 1] > 0 && amounts[k] > amounts[k - 1]) expect(ends[k]).toBeGreaterThan(ends[k - 1]);
      }
    }
  });

  it('is additive: adding x then y equals adding x + y', () => {
    for (let i = 0; i < 100; i++) {
      const start = randomStart();
      const [x, y] = [1 + Math.floor(random() * 1500), 1 + Math.floor(random() * 1500)];
      const stepwise = addWorkingTime(
        addWorkingTime(start, x, TimeUnit.WORK_MINUTE, calendar),
        y,
        TimeUnit.WORK_MINUTE,
        calendar,
      );
      expect(shanghai(stepwise)).toBe(shanghai(addWorkingTime(start, x + y, TimeUnit.WORK_MINUTE, calendar)));
    }
  });

  it('agrees with a minute-by-minute count', () => {
    // An independent oracle: Shanghai has kept UTC+08:00 all year since 1991, so local time is a fixed shift.
    const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
    const isWorkingMinute = (ms: number, sut: WorkingCalendar): boolean => {
      const shifted = new Date(ms + SHANGHAI_OFFSET_MS);
      const minute = shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
      return (
        isWorkingDay(sut, shifted.toISOString().slice(0, 10)) &&
        sut.periods.some((p) => clockMinutes(p.start) <= minute && minute < clockMinutes(p.end))
      );
    };
    const countMinutes = (startMs: number, minutes: number, sut: WorkingCalendar): number => {
      let t = startMs;
      for (let counted = 0; counted < minutes; t += 60_000) if (isWorkingMinute(t, sut)) counted++;
      return t;
    };
    for (let i = 0; i < 40; i++) {
      const start = Math.floor(randomStart().getTime() / 60_000) * 60_000;
      const minutes = 1 + Math.floor(random() * 600);
      for (const sut of [calendar, ninetoSix]) {
        expect(shanghai(addWorkingTime(new Date(start), minutes, TimeUnit.WORK_MINUTE, sut))).toBe(
          shanghai(new Date(countMinutes(start, minutes, sut))),
        );
      }
    }
  });
});
