import { useMemo, useSyncExternalStore } from 'react';
import { useSession } from '../auth/use-session.hook';
import { reportQueue, type QueuedReport } from './report-queue.store';

/** The signed-in user's reports in the outbox, oldest first; `loaded` once what an earlier visit left is read. */
export function useReportQueue(): { items: QueuedReport[]; loaded: boolean } {
  const all = useSyncExternalStore(reportQueue.subscribe, reportQueue.get);
  const loaded = useSyncExternalStore(reportQueue.subscribe, reportQueue.isLoaded);
  const userId = useSession()?.user.id;
  const items = useMemo(() => all.filter((item) => item.userId === userId), [all, userId]);
  return { items, loaded };
}
