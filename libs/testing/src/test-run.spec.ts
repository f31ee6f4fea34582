import { fileScopeName, newRunId, runStartedAt, templateName } from './test-run';

describe('test run names', () => {
  it('recovers when a run started from any of its names, so stale runs can be cleaned up', () => {
    const started = Date.UTC(2026, 10, 21, 8, 30);
    const run = newRunId(started);
    expect(runStartedAt(templateName(run))).toBe(started);
    expect(runStartedAt(fileScopeName(run, '2'))).toBe(started);
    expect(runStartedAt('citygrid')).toBeUndefined();
  });

  it('gives each test file of a worker a different scope', () => {
    expect(fileScopeName('r', '1')).not.toBe(fileScopeName('r', '1'));
  });
});
