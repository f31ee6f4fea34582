/** Every BullMQ queue CityGrid uses (DESIGN.md §6). Producers and processors name queues only through this. */
export enum QueueName {
  CaseRouting = 'case-routing',
  CaseDeadlines = 'case-deadlines',
  Notifications = 'notifications',
  Stats = 'stats',
  /** Pipeline self-checks: proves api → Redis → worker → socket.io end to end. */
  System = 'system',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
