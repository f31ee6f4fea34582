import { deadlinePlan, lightAt } from './deadline-plan';
import { DEFAULT_STEP_LIMITS, Step } from './step-limits';
import { TimeUnit } from './time-unit';
import { buildCalendar, chineseDaysSeed } from './working-calendar';

const { days, years } = chineseDaysSeed();
const calendar = buildCalendar({ days, knownYears: years });
const at = (iso: string) => new Date(iso);

describe('deadlinePlan', () => {
  const base = {
    handleLimit: { amount: 4, unit: TimeUnit.WORK_HOUR },
    stepLimits: DEFAULT_STEP_LIMITS,
    calendar,
  };

  it('gives a started step its 80 % and 100 % instants in working time, across lunch', () => {
    const [handle] = deadlinePlan({
      ...base,
      started: [{ step: Step.Handle, startedAt: at('2026-11-20T10:00:00+08:00') }],
    });
    // 4 working hours from 10:00 Friday: 10–12 and 14–16; 80 % = 3.2 h → 15:12.
    expect(handle.dueAt).toEqual(at('2026-11-20T16:00:00+08:00'));
    expect(handle.warnAt).toEqual(at('2026-11-20T15:12:00+08:00'));
    expect(handle.projected).toBe(false);
  });

  it('adds approved extensions to the limit, and puts 80 % of the whole span', () => {
    const [handle] = deadlinePlan({
      ...base,
      started: [
        {
          step: Step.Handle,
          startedAt: at('2026-11-20T10:00:00+08:00'),
          extensions: [{ amount: 1, unit: TimeUnit.WORK_DAY }],
        },
      ],
    });
    // 4 h + 8 h = 12 working hours: Friday 10–12, 14–18, Monday 08–12, 14–16.
    expect(handle.dueAt).toEqual(at('2026-11-23T16:00:00+08:00'));
    // 80 % of 12 h = 9.6 h: 6 h on Friday, then 3.6 h on Monday → 11:36.
    expect(handle.warnAt).toEqual(at('2026-11-23T11:36:00+08:00'));
  });

  it('projects the steps ahead from each previous deadline, through a public holiday', () => {
    const plan = deadlinePlan({
      ...base,
      started: [{ step: Step.Dispatch, startedAt: at('2026-09-30T17:55:00+08:00') }],
      ahead: [Step.Sign, Step.Handle],
    });
    expect(plan.map((p) => [p.step, p.projected])).toEqual([
      [Step.Dispatch, false],
      [Step.Sign, true],
      [Step.Handle, true],
    ]);
    // Dispatch (10 working minutes) runs 17:55–18:00 and 08:00–08:05 on 8 October, after National Day.
    expect(plan[0].dueAt).toEqual(at('2026-10-08T08:05:00+08:00'));
    expect(plan[1].startedAt).toEqual(plan[0].dueAt);
    expect(plan[1].dueAt).toEqual(at('2026-10-08T09:05:00+08:00'));
    // Handling runs from dispatch, so signing (08:05–09:05) is inside its 4 working hours: 08:05 → 14:05.
    expect(plan[2].startedAt).toEqual(plan[1].startedAt);
    expect(plan[2].dueAt).toEqual(at('2026-10-08T14:05:00+08:00'));
  });

  it('runs continuous limits straight through the night', () => {
    const [verify] = deadlinePlan({
      ...base,
      started: [{ step: Step.Verify, startedAt: at('2026-11-20T23:50:00+08:00') }],
    });
    expect(verify.dueAt).toEqual(at('2026-11-21T00:20:00+08:00'));
    expect(verify.warnAt).toEqual(at('2026-11-21T00:14:00+08:00'));
  });
});

describe('lightAt', () => {
  const step = { warnAt: at('2026-11-20T15:12:00+08:00'), dueAt: at('2026-11-20T16:00:00+08:00') };
  it.each([
    ['2026-11-20T15:11:59+08:00', 'green'],
    ['2026-11-20T15:12:00+08:00', 'yellow'],
    ['2026-11-20T16:00:00+08:00', 'yellow'],
    ['2026-11-20T16:00:01+08:00', 'red'],
  ])('at %s is %s', (now, light) => {
    expect(lightAt(step, at(now))).toBe(light);
  });
});
