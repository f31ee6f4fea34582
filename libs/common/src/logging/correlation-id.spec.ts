import type { IncomingMessage } from 'node:http';
import { correlationIdOf } from './correlation-id';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('correlationIdOf', () => {
  it('takes the caller’s x-correlation-id, or else x-request-id', () => {
    expect(correlationIdOf(request({ 'x-correlation-id': 'abc-1' }))).toBe('abc-1');
    expect(correlationIdOf(request({ 'x-request-id': 'gw:42' }))).toBe('gw:42');
  });

  it('replaces an unusable id with a new UUID', () => {
    for (const bad of ['', 'has space', 'x'.repeat(129), '<script>']) {
      expect(correlationIdOf(request({ 'x-correlation-id': bad }))).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('gives the same id every time it is asked about one request', () => {
    const sut = request({});
    expect(correlationIdOf(sut)).toBe(correlationIdOf(sut));
  });
});
