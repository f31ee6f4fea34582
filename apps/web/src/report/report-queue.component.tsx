import { useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { reportQueue, type QueuedReport } from './report-queue.store';

const subscribeOnline = (listener: () => void) => {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
};

/** Whether the browser believes it has a network (it may still not reach the server). */
export const useOnline = (): boolean => useSyncExternalStore(subscribeOnline, () => navigator.onLine);

/**
 * The outbox: the reports of this tab and those left waiting by an earlier visit, each with its state
 * (sending, waiting to be sent again, refused, sent as case №), the last error, and a button to send now.
 */
export function ReportQueue({ items }: { items: readonly QueuedReport[] }) {
  const { t } = useI18n();
  const online = useOnline();
  const waiting = items.filter((item) => item.state === 'waiting').length;
  if (items.length === 0) return null;
  return (
    <section className="report-section outbox" aria-labelledby="outbox-title" data-testid="outbox">
      <div className="section-head">
        <h2 id="outbox-title">{t('outbox.title', { waiting })}</h2>
        <button
          type="button"
          data-testid="outbox-send"
          disabled={waiting === 0}
          onClick={() => void reportQueue.flush()}
        >
          {t('outbox.sendNow')}
        </button>
      </div>
      {!online && <p className="notice">{t('outbox.offline')}</p>}
      <ol className="outbox-items">
        {[...items].reverse().map((item) => (
          <OutboxItem key={item.key} item={item} />
        ))}
      </ol>
    </section>
  );
}

function OutboxItem({ item }: { item: QueuedReport }) {
  const { t, locale, shortDateTime } = useI18n();
  const matter = locale === 'en' ? item.summary.matterEn : item.summary.matterZh;
  return (
    <li
      className={`outbox-item state-${item.state}`}
      data-testid="outbox-item"
      data-key={item.key}
      data-state={item.state}
      data-attempts={item.attempts}
      data-number={item.caseNumber ?? ''}
    >
      <div className="outbox-line">
        <strong>{matter}</strong>
        <span className={`outbox-state state-${item.state}`}>{t(`outbox.state.${item.state}`)}</span>
      </div>
      <div className="outbox-line muted">
        <span>
          {shortDateTime(item.createdAt)}
          {item.summary.place ? ` · ${item.summary.place}` : ''}
        </span>
        <span>{t('outbox.tries', { count: item.attempts })}</span>
      </div>
      <p className="muted description">{item.fields.description}</p>
      {item.state === 'sent' && item.caseNumber && (
        <p className="sent">{t('outbox.sentAs', { number: item.caseNumber })}</p>
      )}
      {item.lastError && item.state !== 'sent' && (
        <p className={item.state === 'failed' ? 'error' : 'muted'}>
          {item.lastError.status === 0
            ? t('error.network')
            : t('error.withCode', { message: item.lastError.message, code: item.lastError.code })}
        </p>
      )}
      {(item.state === 'failed' || item.state === 'waiting') && (
        <button
          type="button"
          className="quiet"
          onClick={() => window.confirm(t('outbox.discardConfirm')) && void reportQueue.discard(item.key)}
        >
          {t('outbox.discard')}
        </button>
      )}
    </li>
  );
}
