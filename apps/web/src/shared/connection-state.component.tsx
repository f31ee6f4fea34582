import type { ReactNode } from 'react';
import type { Connection } from '../board/board-feed';
import { useI18n } from '../i18n/i18n.context';

/** Whether the page hears changes as they happen: live, catching up, or reconnecting; then `children`. */
export function ConnectionState({ connection, children }: { connection: Connection; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <span className={`connection connection-${connection}`} data-testid="connection" data-state={connection}>
      <span className="pulse" />
      {t(connection === 'live' ? 'board.live' : connection === 'syncing' ? 'board.syncing' : 'board.offline')}
      {children}
    </span>
  );
}
