/**
 * Tokens whose signature this process has checked, with their claims, until they expire. A session sends the
 * same access token with every request for its whole life, and its signature gives the same answer each time,
 * so it is checked once. Expiry is still checked on every use (as jsonwebtoken does: expired from the second
 * `exp`), and the guard still reads the session behind the token on every request, so a logout, a revoked
 * session or a disabled user is refused at once.
 */
export class VerifiedTokens<T extends { exp: number }> {
  private readonly claims = new Map<string, T>();

  constructor(private readonly limit = 10_000) {}

  /** The claims of a token verified before and not expired at `now`; otherwise undefined: verify it. */
  get(token: string, now = Date.now()): T | undefined {
    const claims = this.claims.get(token);
    if (!claims) return undefined;
    if (Math.floor(now / 1000) < claims.exp) return claims;
    this.claims.delete(token);
    return undefined;
  }

  add(token: string, claims: T): void {
    // Tokens live for minutes: a full map is started afresh rather than kept in order of use.
    if (this.claims.size >= this.limit) this.claims.clear();
    this.claims.set(token, claims);
  }
}
