import { useSyncExternalStore } from 'react';
import { sessionStore, type Session } from './session.store';

/** The tab's session; the component renders again when it signs in, refreshes or ends. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
