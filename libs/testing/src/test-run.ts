/**
 * Names shared by the e2e global setup, each test file and the teardown. Every database and Redis key of a
 * run starts with `cg_t_<run>`, where <run> begins with the run's start time in base 36 so a later run can
 * tell a crashed run's leftovers from a live run's.
 */
export const TEST_PREFIX = 'cg_t_';

export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}${process.pid.toString(36)}`;
}

/** Start time of the run that made `name`, or undefined if it is not a test name. */
export function runStartedAt(name: string): number | undefined {
  const match = /^cg_t_([0-9a-z]{8})/.exec(name);
  return match ? parseInt(match[1]!, 36) : undefined;
}

export function templateName(run: string): string {
  return `${TEST_PREFIX}${run}_tpl`;
}

export function fileScopeName(run: string, workerId: string): string {
  return `${TEST_PREFIX}${run}_w${workerId}_${Math.random().toString(36).slice(2, 8)}`;
}
