import { QueueName } from './queue-names';

/** Job names, dotted `<noun>.<verb>`. */
export enum JobName {
  CaseRoute = 'case.route',
  SlaCheck = 'sla.check',
  SlaSweep = 'sla.sweep',
  NoticeDeliver = 'notice.deliver',
  StatsRollup = 'stats.rollup',
  SystemPing = 'system.ping',
}

/** Every payload carries the correlation id of the request that caused it, so its logs can be followed. */
export interface JobEnvelope {
  correlationId: string;
}

export interface CaseRouteJobData extends JobEnvelope {
  caseId: string;
}

export interface SlaCheckJobData extends JobEnvelope {
  caseId: string;
  step: string;
  /** Percent of the step's limit: 80 turns the case yellow, 100 red, a rung of the ladder escalates. */
  threshold: number;
}

export type SlaSweepJobData = JobEnvelope;

export interface NoticeDeliverJobData extends JobEnvelope {
  noticeId: string;
  /** The channel to deliver through: `socket` (the user's browsers) or an external one such as `webhook`. */
  channel: string;
}

export interface StatsRollupJobData extends JobEnvelope {
  /** The city-time day to build, YYYY-MM-DD; absent, every day not final yet, through today. */
  day?: string;
}

export interface SystemPingJobData extends JobEnvelope {
  /** A socket.io socket id to answer on with `system.pong`, if the caller is connected. */
  replyTo?: string;
  /** Stay active this long before answering (shutdown drills); at most 60 s. */
  holdMs?: number;
  requestedAt: string;
}

export interface SystemPingResult {
  correlationId: string;
  requestedAt: string;
  processedAt: string;
  /** host:pid of the worker process that ran the job. */
  worker: string;
}

export interface JobPayloads {
  [JobName.CaseRoute]: CaseRouteJobData;
  [JobName.SlaCheck]: SlaCheckJobData;
  [JobName.SlaSweep]: SlaSweepJobData;
  [JobName.NoticeDeliver]: NoticeDeliverJobData;
  [JobName.StatsRollup]: StatsRollupJobData;
  [JobName.SystemPing]: SystemPingJobData;
}

/** The queue each job runs on. */
export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.CaseRoute]: QueueName.CaseRouting,
  [JobName.SlaCheck]: QueueName.CaseDeadlines,
  [JobName.SlaSweep]: QueueName.CaseDeadlines,
  [JobName.NoticeDeliver]: QueueName.Notifications,
  [JobName.StatsRollup]: QueueName.Stats,
  [JobName.SystemPing]: QueueName.System,
};
