/** What a rule can look at: the matter, where the case is, and when. */
export interface RoutingSample {
  matterKind: string;
  matterCode: string;
  family: string;
  unitGridCode: string | null;
  responsibilityGridCode: string | null;
  at: Date;
}

export interface RuleCriteria {
  id: string;
  name: string;
  enabled: boolean;
  matterKind: string | null;
  matterCode: string | null;
  majorCode: string | null;
  family: string | null;
  areaCode: string | null;
  windowStart: string | null;
  windowEnd: string | null;
}

export interface RuleVerdict {
  ruleId: string;
  name: string;
  matched: boolean;
  /** Why it matched (every criterion that held) or why not (the first that failed). */
  reasons: string[];
}

/** 'HH:mm' formatters by time zone: a kept Intl formatter is ten times cheaper than a TZDate per case. */
const clocks = new Map<string, Intl.DateTimeFormat>();

/** The local time of day at `at`, as 'HH:mm'. */
function localTime(at: Date, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  return clock.format(at);
}

/** 'HH:mm' inside [start, end), a window past midnight wrapping round (22:00–06:00). */
function inWindow(time: string, start: string, end: string): boolean {
  return start <= end ? time >= start && time < end : time >= start || time < end;
}

/** Each criterion of a rule: undefined when it is not set, else whether it holds and why. */
function criteria(
  rule: RuleCriteria,
  sample: RoutingSample,
  localTime: string,
): Array<[boolean, string] | undefined> {
  const kind = rule.matterKind;
  return [
    rule.matterCode
      ? [
          kind === sample.matterKind && rule.matterCode === sample.matterCode,
          `matter ${kind} ${rule.matterCode}`,
        ]
      : undefined,
    rule.majorCode
      ? [
          (!kind || kind === sample.matterKind) && sample.matterCode.startsWith(rule.majorCode),
          ['major class', kind, rule.majorCode].filter(Boolean).join(' '),
        ]
      : undefined,
    !rule.matterCode && !rule.majorCode && kind ? [kind === sample.matterKind, `kind ${kind}`] : undefined,
    rule.family ? [rule.family === sample.family, `family ${rule.family}`] : undefined,
    rule.areaCode
      ? [
          rule.areaCode === sample.responsibilityGridCode ||
            (!!sample.unitGridCode &&
              !rule.areaCode.includes('R') &&
              sample.unitGridCode.startsWith(rule.areaCode)),
          `area ${rule.areaCode}`,
        ]
      : undefined,
    rule.windowStart && rule.windowEnd
      ? [inWindow(localTime, rule.windowStart, rule.windowEnd), `time ${rule.windowStart}–${rule.windowEnd}`]
      : undefined,
  ];
}

/**
 * The first enabled rule, in the order given, whose every criterion holds; with a verdict for each rule
 * tried, so an admin can see why a case went where it went (or nowhere: the dispatcher decides).
 */
export function matchRoutingRules<R extends RuleCriteria>(
  rules: R[],
  sample: RoutingSample,
  timeZone: string,
): { rule: R | null; trace: RuleVerdict[] } {
  const time = localTime(sample.at, timeZone);
  const trace: RuleVerdict[] = [];
  for (const rule of rules) {
    if (!rule.enabled) {
      trace.push({ ruleId: rule.id, name: rule.name, matched: false, reasons: ['disabled'] });
      continue;
    }
    const set = criteria(rule, sample, time).filter((c): c is [boolean, string] => c !== undefined);
    const failed = set.find(([holds]) => !holds);
    if (failed) {
      trace.push({ ruleId: rule.id, name: rule.name, matched: false, reasons: [`not ${failed[1]}`] });
      continue;
    }
    const reasons = set.length > 0 ? set.map(([, what]) => what) : ['matches every case'];
    trace.push({ ruleId: rule.id, name: rule.name, matched: true, reasons });
    return { rule, trace };
  }
  return { rule: null, trace };
}
