import { cityToday, parseReportQuery, percent, periodParams, reportParams } from './report-query';

const TODAY = '2026-11-21';
const parse = (search: string) => parseReportQuery(new URLSearchParams(search), TODAY);

describe('the reports page address', () => {
  it('defaults to this month of streets, by score, with the streets on the map', () => {
    expect(parse('')).toEqual({
      type: 'street',
      period: 'month',
      date: TODAY,
      from: '2026-11-01',
      to: TODAY,
      object: null,
      metric: 'score',
      map: 'street',
      by: 'street',
      matter: '',
    });
    expect(periodParams(parse(''))).toEqual({ period: 'month', date: TODAY });
    expect(reportParams(parse(''), TODAY)).toEqual({
      type: null,
      period: null,
      date: null,
      from: null,
      to: null,
      object: null,
      metric: null,
      map: null,
      by: null,
      matter: null,
    });
  });

  it('reads back what it writes', () => {
    const query = parse(
      'type=department&period=range&from=2026-10-01&to=2026-10-31&object=abc&metric=reworkRate&map=unit-grid&by=department&matter=0601',
    );
    expect(periodParams(query)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    const written = new URLSearchParams(
      Object.entries(reportParams(query, TODAY)).filter(
        (entry): entry is [string, string] => entry[1] !== null,
      ),
    );
    expect(parse(written.toString())).toEqual(query);
  });

  it('falls back to the defaults for anything it does not know', () => {
    expect(parse('type=city&period=decade&date=2026-13&metric=luck&map=moon&by=x&matter=abc')).toEqual(
      parse(''),
    );
  });

  it('shows rates as percentages with one decimal, and none as null', () => {
    expect(percent(0.9375)).toBe('93.8%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBeNull();
  });

  it('takes today in Shanghai, not in the machine’s zone', () => {
    // 2026-11-21 17:00 UTC is already the 22nd in Shanghai.
    expect(cityToday(new Date('2026-11-21T17:00:00Z'))).toBe('2026-11-22');
  });
});
