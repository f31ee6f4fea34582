import type { Connection } from '../board/board-feed';
import { useI18n } from '../i18n/i18n.context';

/** Whether the page hears changes as they happen: live, catching up, or reconnecting. */
export function ConnectionState({ connection }: { connection: Connection }) {
  const { t } = useI18n();
  return (
    <span className={`connection connection-${connection}`} data-testid="connection" data-state={connection}>
      <span className="pulse" />
      {t(connection === 'live' ? 'board.live' : connection === 'syncing' ? 'board.syncing' : 'board.offline')}
    </span>
  );
}
