import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NoticeChannel, NoticeRecipient } from './notice-channel';
import type { NoticeEntity } from './notice.entity';

export const WEBHOOK_CHANNEL = 'webhook';
export const WEBHOOK_EVENT = 'notice.created';
export const SIGNATURE_HEADER = 'X-CityGrid-Signature';
const DEFAULT_TIMEOUT_MS = 5000;
/** How much of a failed answer's body goes into the error (and the failed job's reason). */
const ANSWER_EXCERPT = 200;

/** What the webhook receives, as JSON. */
export interface WebhookNoticeBody {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  createdAt: string;
  user: { id: string; username: string; displayName: string };
}

/** `sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with the secret>`. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute the signature over the raw body and compare in constant time. */
export function verifyWebhookSignature(body: string | Buffer, secret: string, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(signWebhookBody(body, secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function webhookBodyOf(notice: NoticeEntity, recipient: NoticeRecipient): WebhookNoticeBody {
  return {
    id: notice.id,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    caseId: notice.caseId,
    createdAt: notice.createdAt.toISOString(),
    user: { id: recipient.id, username: recipient.username, displayName: recipient.displayName },
  };
}

export interface WebhookChannelOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
}

/**
 * POSTs each notice as signed JSON to NOTICE_WEBHOOK_URL (docs/notifications.md). Any network error, timeout
 * or non-2xx answer throws, and the `notice.deliver` job retries with backoff. Errors name only the URL's
 * origin: a path or query may carry a key (a WeCom robot's does).
 */
export class WebhookChannel implements NoticeChannel {
  readonly name = WEBHOOK_CHANNEL;
  private readonly origin: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookChannelOptions) {
    this.origin = new URL(options.url).origin;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async deliver(notice: NoticeEntity, recipient: NoticeRecipient): Promise<void> {
    const body = JSON.stringify(webhookBodyOf(notice, recipient));
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-CityGrid-Event': WEBHOOK_EVENT,
          'X-CityGrid-Delivery': notice.id,
          [SIGNATURE_HEADER]: signWebhookBody(body, this.options.secret),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(
        `Webhook ${this.origin} failed for notice ${notice.id}: ${reasonOf(error, this.timeoutMs)}`,
      );
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const answer = (await response.text().catch(() => '')).slice(0, ANSWER_EXCERPT);
    throw new Error(
      `Webhook ${this.origin} answered ${response.status} for notice ${notice.id}` +
        (answer ? `: ${answer}` : ''),
    );
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors (a DOMException on timeout) may come from another realm than this Error.
  const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: unknown };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // A network error is TypeError('fetch failed') with the real reason as its cause.
  const { code, message: causeMessage } = (cause ?? {}) as { code?: string; message?: string };
  const detail = code ?? causeMessage;
  return detail ? `unreachable (${detail})` : (message ?? String(error));
}
