import type { NoticeEntity } from './notice.entity';
import { signWebhookBody, verifyWebhookSignature, WebhookChannel } from './webhook.channel';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the exact body (vector from openssl dgst -sha256 -hmac)', () => {
    expect(signWebhookBody('{"id":"n1"}', 'topsecret')).toBe(
      'sha256=d5276f94d6b23893855fa9e078ca451bbfb2568f955dd07beed6497f88bfe30c',
    );
  });

  it('verifies the body it was made for, and nothing else', () => {
    const header = signWebhookBody('{"id":"n1"}', 'topsecret');
    expect(verifyWebhookSignature('{"id":"n1"}', 'topsecret', header)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from('{"id":"n1"}'), 'topsecret', header)).toBe(true);
    expect(verifyWebhookSignature('{"id": "n1"}', 'topsecret', header)).toBe(false);
    expect(verifyWebhookSignature('{"id":"n1"}', 'other', header)).toBe(false);
    expect(verifyWebhookSignature('{"id":"n1"}', 'topsecret', header.slice(0, -1))).toBe(false);
    expect(verifyWebhookSignature('{"id":"n1"}', 'topsecret', undefined)).toBe(false);
  });
});

describe('WebhookChannel', () => {
  const notice = {
    id: '0b7a5d43-5c0e-4c59-9b57-1b2f4f3f6a10',
    userId: 'a6f0c1de-2f0b-4a8e-8a53-2d5f1c9e7b11',
    kind: 'sla.overdue',
    title: '案件超时',
    body: 'Case 20261120000001 is overdue',
    caseId: null,
    dedupeKey: null,
    createdAt: new Date('2026-11-20T02:00:00.123Z'),
    readAt: null,
  } as NoticeEntity;
  const recipient = { id: notice.userId, username: 'gm-1', displayName: '网格长一', phone: '13800000000' };
  const sut = new WebhookChannel({
    url: 'https://hooks.example.org/citygrid?key=s3cret',
    secret: 'topsecret',
  });
  const fetchMock = jest.fn<Promise<Response>, Parameters<typeof fetch>>();

  beforeEach(() => {
    fetchMock.mockReset();
    jest.spyOn(globalThis, 'fetch').mockImplementation(fetchMock);
  });

  afterEach(() => jest.restoreAllMocks());

  it('posts the notice as JSON with event, delivery and signature headers, and no phone', async () => {
    fetchMock.mockResolvedValue(new Response('ok', { status: 200 }));
    await sut.deliver(notice, recipient);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://hooks.example.org/citygrid?key=s3cret');
    expect(init?.method).toBe('POST');
    const body = init!.body as string;
    expect(JSON.parse(body)).toEqual({
      id: notice.id,
      kind: 'sla.overdue',
      title: '案件超时',
      body: 'Case 20261120000001 is overdue',
      caseId: null,
      createdAt: '2026-11-20T02:00:00.123Z',
      user: { id: notice.userId, username: 'gm-1', displayName: '网格长一' },
    });
    expect(init?.headers).toEqual({
      'Content-Type': 'application/json',
      'X-CityGrid-Event': 'notice.created',
      'X-CityGrid-Delivery': notice.id,
      'X-CityGrid-Signature': signWebhookBody(body, 'topsecret'),
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('throws on a non-2xx answer with the status and the start of the answer, never the URL’s key', async () => {
    fetchMock.mockResolvedValue(new Response('upstream down', { status: 503 }));
    const failure = sut.deliver(notice, recipient);
    await expect(failure).rejects.toThrow(
      `Webhook https://hooks.example.org answered 503 for notice ${notice.id}: upstream down`,
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('throws on a network error, naming its cause', async () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    fetchMock.mockRejectedValue(error);
    await expect(sut.deliver(notice, recipient)).rejects.toThrow(
      `Webhook https://hooks.example.org failed for notice ${notice.id}: unreachable (ECONNREFUSED)`,
    );
  });

  it('throws when the receiver does not answer in time', async () => {
    fetchMock.mockRejectedValue(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    await expect(sut.deliver(notice, recipient)).rejects.toThrow('no answer within 5000 ms');
  });
});
