import { ApiError } from '../api/api-error';
import { fitWithin, jpegName } from '../shared/photo-size';
import { newIdempotencyKey, outcomeOf, retryDelayMs } from './report-retry';

const answer = (status: number, code = `HTTP_${status}`) => new ApiError(status, code, 'message');

describe('the report outbox', () => {
  it('keeps a report when no server answered, the server failed or the session is gone', () => {
    expect(outcomeOf(answer(0, 'NETWORK'))).toBe('retry');
    expect(outcomeOf(answer(503))).toBe('retry');
    expect(outcomeOf(answer(500, 'INTERNAL'))).toBe('retry');
    expect(outcomeOf(answer(502))).toBe('retry');
    expect(outcomeOf(answer(429))).toBe('retry');
    expect(outcomeOf(answer(401, 'TOKEN_MISSING'))).toBe('retry');
    expect(outcomeOf(new TypeError('Failed to fetch'))).toBe('retry');
  });

  it('gives up on a report the server refused for what it is', () => {
    expect(outcomeOf(answer(400, 'VALIDATION_FAILED'))).toBe('fail');
    expect(outcomeOf(answer(422, 'CASE_PHOTOS_REQUIRED'))).toBe('fail');
    expect(outcomeOf(answer(415, 'PHOTO_TYPE_UNSUPPORTED'))).toBe('fail');
    expect(outcomeOf(answer(413, 'PAYLOAD_TOO_LARGE'))).toBe('fail');
    expect(outcomeOf(answer(403, 'CASE_SOURCE_FORBIDDEN'))).toBe('fail');
  });

  it('waits longer after each try that found no server, up to a minute', () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([5000, 5000, 15000, 30000, 60000, 60000]);
  });

  it('makes a new key per report that the server accepts (printable ASCII, no spaces, ≤ 200)', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys)
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('photo downscaling', () => {
  it('fits the longer side within 1600 px, keeping the proportions, and never enlarges', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(10000, 3)).toEqual({ width: 1600, height: 1 });
  });

  it('names the result as the JPEG it is', () => {
    expect(jpegName('IMG_0001.HEIC')).toBe('IMG_0001.jpg');
    expect(jpegName('photo.png')).toBe('photo.jpg');
    expect(jpegName('no-extension')).toBe('no-extension.jpg');
    expect(jpegName('.png')).toBe('photo.jpg');
  });
});
