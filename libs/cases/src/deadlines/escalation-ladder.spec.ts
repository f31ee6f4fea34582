import { EscalationAction, parseEscalationLadder } from './escalation-ladder';

describe('parseEscalationLadder', () => {
  it('reads rungs in order of percent', () => {
    expect(parseEscalationLadder('200:notify, 150:supervise')).toEqual([
      { percent: 150, action: EscalationAction.Supervise },
      { percent: 200, action: EscalationAction.Notify },
    ]);
  });

  it('takes an empty ladder as none', () => {
    expect(parseEscalationLadder('')).toEqual([]);
  });

  it('refuses rungs at or below the deadline, unknown actions and repeated percents', () => {
    expect(() => parseEscalationLadder('100:supervise')).toThrow(/above 100/);
    expect(() => parseEscalationLadder('150:shout')).toThrow(/supervise or notify/);
    expect(() => parseEscalationLadder('150:supervise,150:notify')).toThrow(/twice/);
  });
});
