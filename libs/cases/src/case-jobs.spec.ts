import { deadlineJobs } from './case-jobs';
import { CaseStatus } from './workflow/case-status';

const warnAt = new Date('2026-11-20T09:08:00+08:00');
const dueAt = new Date('2026-11-20T09:10:00+08:00');
const reported = {
  id: 'c1',
  status: CaseStatus.Reported,
  stepWarnAt: warnAt,
  stepDeadline: dueAt,
  slaStage: 0,
};

describe('deadline timers', () => {
  it('gives a new report its 80 % and 100 % timers, replacing nothing: none of its timers can exist yet', () => {
    expect(deadlineJobs({ ...reported, version: 1 })).toEqual([
      expect.objectContaining({ jobId: 'sla:c1:accept-80', runAt: warnAt, replace: false }),
      expect.objectContaining({ jobId: 'sla:c1:accept-100', runAt: dueAt, replace: false }),
    ]);
  });

  it('replaces the earlier timers of a case that changed since it was reported', () => {
    const jobs = deadlineJobs({ ...reported, status: CaseStatus.PendingDispatch, version: 3 });
    expect(jobs.map((job) => [job.jobId, job.replace])).toEqual([
      ['sla:c1:dispatch-80', true],
      ['sla:c1:dispatch-100', true],
    ]);
  });

  it('leaves out the thresholds already acted on', () => {
    const jobs = deadlineJobs({ ...reported, slaStage: 80, version: 2 });
    expect(jobs.map((job) => job.jobId)).toEqual(['sla:c1:accept-100']);
  });
});
