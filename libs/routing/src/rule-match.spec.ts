import { matchRoutingRules, type RoutingSample, type RuleCriteria } from './rule-match';

const rule = (id: string, criteria: Partial<RuleCriteria> = {}): RuleCriteria => ({
  id,
  name: id,
  enabled: true,
  matterKind: null,
  matterCode: null,
  majorCode: null,
  family: null,
  areaCode: null,
  windowStart: null,
  windowEnd: null,
  ...criteria,
});

const sample = (overrides: Partial<RoutingSample> = {}): RoutingSample => ({
  matterKind: 'event',
  matterCode: '09009',
  family: 'traffic_police',
  unitGridCode: '330191001001007',
  responsibilityGridCode: '330191001R002',
  at: new Date('2026-11-20T10:00:00+08:00'),
  ...overrides,
});

const first = (rules: RuleCriteria[], s = sample()) =>
  matchRoutingRules(rules, s, 'Asia/Shanghai').rule?.id ?? null;

describe('matchRoutingRules', () => {
  it('takes the first rule whose every criterion holds, and explains the others', () => {
    const rules = [
      rule('sanitation', { family: 'sanitation' }),
      rule('parking', { matterKind: 'event', matterCode: '09009' }),
      rule('all'),
    ];
    const { rule: matched, trace } = matchRoutingRules(rules, sample(), 'Asia/Shanghai');
    expect(matched?.id).toBe('parking');
    expect(trace).toEqual([
      { ruleId: 'sanitation', name: 'sanitation', matched: false, reasons: ['not family sanitation'] },
      { ruleId: 'parking', name: 'parking', matched: true, reasons: ['matter event 09009'] },
    ]);
  });

  it('matches a matter only with its kind, and a major class by the code', () => {
    expect(first([rule('x', { matterKind: 'component', matterCode: '09009' })])).toBeNull();
    expect(first([rule('x', { majorCode: '09' })])).toBe('x');
    expect(first([rule('x', { majorCode: '09', matterKind: 'component' })])).toBeNull();
    expect(first([rule('x', { majorCode: '06' })])).toBeNull();
  });

  it('matches an area by code prefix, or a responsibility grid by its code', () => {
    for (const area of ['330191', '330191001', '330191001001', '330191001001007', '330191001R002']) {
      expect(first([rule(area, { areaCode: area })])).toBe(area);
    }
    for (const area of ['330192', '330191002', '330191001001008', '330191001R001']) {
      expect(first([rule(area, { areaCode: area })])).toBeNull();
    }
    expect(
      first(
        [rule('x', { areaCode: '330191' })],
        sample({ unitGridCode: null, responsibilityGridCode: null }),
      ),
    ).toBeNull();
  });

  it('reads time windows in the city’s time zone, including windows past midnight', () => {
    const night = rule('night', { windowStart: '22:00', windowEnd: '07:00' });
    const at = (local: string) => sample({ at: new Date(`2026-11-20T${local}:00+08:00`) });
    expect(first([night], at('23:30'))).toBe('night');
    expect(first([night], at('06:59'))).toBe('night');
    expect(first([night], at('07:00'))).toBeNull();
    expect(first([night], at('21:59'))).toBeNull();
    const office = rule('office', { windowStart: '08:00', windowEnd: '18:00' });
    expect(first([office], at('08:00'))).toBe('office');
    expect(first([office], at('18:00'))).toBeNull();
  });

  it('skips disabled rules and matches nothing when no rule fits', () => {
    expect(first([rule('off', { enabled: false }), rule('on')])).toBe('on');
    expect(
      matchRoutingRules([rule('x', { family: 'landscaping' })], sample(), 'Asia/Shanghai'),
    ).toMatchObject({
      rule: null,
      trace: [{ matched: false }],
    });
  });
});
