import { JobName, QUEUE_OF_JOB } from './job-payloads';
import { ALL_QUEUES } from './queue-names';

describe('queue contract', () => {
  it('puts every job on a known queue, and every queue has at least one job', () => {
    const used = new Set(Object.values(JobName).map((job) => QUEUE_OF_JOB[job]));
    for (const queue of used) expect(ALL_QUEUES).toContain(queue);
    expect([...used].sort()).toEqual([...ALL_QUEUES].sort());
  });

  it('names queues in kebab-case and jobs as <noun>.<verb>', () => {
    for (const queue of ALL_QUEUES) expect(queue).toMatch(/^[a-z]+(-[a-z]+)*$/);
    for (const job of Object.values(JobName)) expect(job).toMatch(/^[a-z]+\.[a-z]+$/);
  });
});
