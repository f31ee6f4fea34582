import type { NoticeEntity } from './notice.entity';

/** Who a notice goes to, as an external channel needs them. */
export interface NoticeRecipient {
  id: string;
  username: string;
  displayName: string;
  phone?: string | null;
}

/**
 * A way to deliver a notice outside the app (webhook, later SMS or WeCom). Each configured channel gets one
 * `notice.deliver` job per notice; `deliver` throws on any failure so the job retries with backoff, and must
 * tolerate running again for the same notice (a retry after a lost answer).
 */
export interface NoticeChannel {
  /** The channel's name in jobs and logs, lowercase, e.g. `webhook`; never `socket`. */
  readonly name: string;
  deliver(notice: NoticeEntity, recipient: NoticeRecipient): Promise<void>;
}

/** The in-app channel: the user's browsers, through socket.io room `user:<id>`. Always on. */
export const SOCKET_CHANNEL = 'socket';

/** Injection token of the configured external channels (`NoticeChannel[]`, possibly empty). */
export const NOTICE_CHANNELS = Symbol('NOTICE_CHANNELS');
