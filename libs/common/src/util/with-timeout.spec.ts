import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes the value through when the promise settles in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'late')).resolves.toBe(7);
  });

  it('rejects with the message when the promise does not settle in time', async () => {
    await expect(withTimeout(new Promise(() => undefined), 5, 'no answer within 5 ms')).rejects.toThrow(
      'no answer within 5 ms',
    );
  });
});
