import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const exp = 1_800_000_000;

  it('answers a verified token’s claims until the second it expires, then forgets it', () => {
    const tokens = new VerifiedTokens<{ sid: string; exp: number }>();
    expect(tokens.get('a.b.c', (exp - 100) * 1000)).toBeUndefined();
    tokens.add('a.b.c', { sid: 's1', exp });
    expect(tokens.get('a.b.c', exp * 1000 - 1)).toEqual({ sid: 's1', exp });
    expect(tokens.get('a.b.x', exp * 1000 - 1)).toBeUndefined();
    expect(tokens.get('a.b.c', exp * 1000)).toBeUndefined();
    expect(tokens.get('a.b.c', (exp - 100) * 1000)).toBeUndefined();
  });

  it('starts afresh when full', () => {
    const tokens = new VerifiedTokens<{ exp: number }>(2);
    tokens.add('one', { exp });
    tokens.add('two', { exp });
    tokens.add('three', { exp });
    const at = (exp - 1) * 1000;
    expect([tokens.get('one', at), tokens.get('two', at), tokens.get('three', at)]).toEqual([
      undefined,
      undefined,
      { exp },
    ]);
  });
});
