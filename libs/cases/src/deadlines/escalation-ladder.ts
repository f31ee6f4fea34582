/** What a rung of the escalation ladder does once a step runs that far past its limit. */
export enum EscalationAction {
  /** Automatic 督办 by the dispatch center: the case is flagged supervised and its handlers told. */
  Supervise = 'supervise',
  /** The owner's superiors and the center are told again. */
  Notify = 'notify',
}

export interface EscalationRung {
  percent: number;
  action: EscalationAction;
}

/** Parses SLA_ESCALATION (`150:supervise,200:notify`): rungs above 100 %, in order, one per percent. */
export function parseEscalationLadder(spec: string): EscalationRung[] {
  const rungs = spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [percent, action] = part.split(':');
      return { percent: Number(percent), action: action as EscalationAction };
    });
  for (const rung of rungs) {
    if (!(rung.percent > 100) || !Object.values(EscalationAction).includes(rung.action)) {
      throw new Error(
        `SLA_ESCALATION rung ${rung.percent}:${rung.action} must be above 100 % and supervise or notify`,
      );
    }
  }
  const sorted = [...rungs].sort((a, b) => a.percent - b.percent);
  if (new Set(sorted.map((r) => r.percent)).size !== sorted.length) {
    throw new Error('SLA_ESCALATION names a percent twice');
  }
  return sorted;
}
