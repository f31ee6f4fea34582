import { useEffect, useState, useSyncExternalStore } from 'react';
import { BoardFeed, type BoardView } from './board-feed';

/** The live board of the signed-in user: snapshot, then socket.io updates, for as long as the page is shown. */
export function useBoard(): BoardView {
  const [feed] = useState(() => new BoardFeed());
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  return useSyncExternalStore(feed.subscribe, feed.get);
}
