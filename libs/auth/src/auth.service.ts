import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { preparedQuery, type Principal } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import { BoardPublisher, Rooms } from '@citygrid/realtime';
import { PasswordHasher, UserEntity, UsersService } from '@citygrid/users';
import { isUUID } from 'class-validator';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthException, AuthErrorCode } from './auth.exception';
import { AuthSessionEntity } from './auth-session.entity';
import type { PrincipalDto, TokensDto } from './dto/auth.dto';
import { VerifiedTokens } from './verified-tokens';

interface AccessClaims {
  sub: string;
  sid: string;
}

/** The claims of a token whose signature and expiry were checked (jsonwebtoken adds `exp` when signing). */
type VerifiedClaims = AccessClaims & { exp: number };

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const sameHash = (a: string, b: Buffer) => {
  const stored = Buffer.from(a, 'hex');
  return stored.length === b.length && timingSafeEqual(stored, b);
};

/** Not revoked, not expired, its user enabled, and opened since the user's last password change. */
function isLive(
  session: Pick<AuthSessionEntity, 'revokedAt' | 'expiresAt' | 'createdAt'>,
  user: Pick<UserEntity, 'disabled' | 'passwordChangedAt'>,
): boolean {
  if (session.revokedAt || session.expiresAt <= new Date()) return false;
  return !user.disabled && !(user.passwordChangedAt && session.createdAt < user.passwordChangedAt);
}

/** The session and its user, as the guard reads them on every request. */
type SessionRow = Pick<AuthSessionEntity, 'revokedAt' | 'expiresAt' | 'createdAt'> &
  Pick<UserEntity, 'disabled' | 'passwordChangedAt'> &
  Principal;

export const toPrincipalDto = (p: Principal | UserEntity): PrincipalDto => ({
  id: p.id,
  username: p.username,
  displayName: p.displayName,
  roles: p.roles,
  areaCodes: p.areaCodes,
  departmentId: p.departmentId,
});

@Injectable()
export class AuthService {
  /** Access tokens verified by this process (the console's are few and checked each time). */
  private readonly verifiedAccess = new VerifiedTokens<VerifiedClaims>();

  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
    private readonly board: BoardPublisher,
  ) {}

  /**
   * Checks the password (argon2) and opens a session. After AUTH_MAX_FAILED_LOGINS wrong passwords in a row
   * the account is locked for AUTH_LOCKOUT_MINUTES; while locked, not even the right password opens it.
   */
  async login(username: string, password: string, userAgent: string | null): Promise<TokensDto> {
    const user = await this.users.findByUsername(username);
    if (!user) {
      await this.hasher.verify(null, password);
      throw new AuthException(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
    }
    const { AUTH_MAX_FAILED_LOGINS: maxFailures, AUTH_LOCKOUT_MINUTES: lockMinutes } = this.config;
    const claim = await this.users.claimLoginAttempt(user.id, maxFailures, lockMinutes);
    if ('lockedUntil' in claim) throw this.locked(claim.lockedUntil);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      if (claim.attempt >= maxFailures) throw this.locked(await this.users.lock(user.id, lockMinutes));
      throw new AuthException(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
    }
    if (!(await this.users.completeLogin(user.id)))
      throw this.locked((await this.users.require(user.id)).lockedUntil!);
    if (user.disabled) throw new AuthException(AuthErrorCode.ACCOUNT_DISABLED, 'This account is disabled');

    const secret = randomBytes(32).toString('base64url');
    const session = await this.sessions.save(
      this.sessions.create({
        userId: user.id,
        tokenHash: sha256(secret).toString('hex'),
        previousTokenHash: null,
        expiresAt: new Date(Date.now() + this.config.AUTH_REFRESH_TOKEN_DAYS * 86_400_000),
        revokedAt: null,
        userAgent: userAgent?.slice(0, 300) ?? null,
        refreshedAt: null,
      }),
    );
    return this.tokens(user, session, secret);
  }

  /**
   * Exchanges a refresh token for new tokens and retires it. Presenting a retired token again means it was
   * copied: the session ends for everyone holding it.
   */
  async refresh(refreshToken: string): Promise<TokensDto> {
    const [sessionId, secret] = refreshToken.split('.');
    const invalid = new AuthException(
      AuthErrorCode.TOKEN_INVALID,
      'This refresh token is not valid; sign in again',
    );
    if (!isUUID(sessionId ?? '') || !secret) throw invalid;
    const session = await this.sessions.findOne({ where: { id: sessionId }, relations: { user: true } });
    if (!session || !isLive(session, session.user!))
      throw new AuthException(AuthErrorCode.SESSION_ENDED, 'The session has ended; sign in again');
    const presented = sha256(secret);
    if (session.previousTokenHash && sameHash(session.previousTokenHash, presented)) {
      await this.sessions.update({ id: session.id }, { revokedAt: new Date() });
      this.board.disconnect(Rooms.session(session.id));
      throw new AuthException(
        AuthErrorCode.SESSION_ENDED,
        'This refresh token was already used, so the session has been ended; sign in again',
      );
    }
    if (!sameHash(session.tokenHash, presented)) throw invalid;

    const next = randomBytes(32).toString('base64url');
    const rotated = await this.sessions.update(
      { id: session.id, tokenHash: session.tokenHash },
      {
        tokenHash: sha256(next).toString('hex'),
        previousTokenHash: session.tokenHash,
        refreshedAt: new Date(),
      },
    );
    if (rotated.affected !== 1) throw invalid; // a concurrent refresh with the same token won
    return this.tokens(session.user!, session, next);
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.update({ id: principal.sessionId }, { revokedAt: new Date() });
    // The session's live sockets close at once, on every api process.
    this.board.disconnect(Rooms.session(principal.sessionId));
  }

  /** The caller behind an access token, loaded fresh so that disabling a user or ending a session bites at once. */
  async principalOf(accessToken: string): Promise<Principal> {
    let claims = this.verifiedAccess.get(accessToken);
    if (!claims) {
      claims = await this.verify(accessToken, undefined, {
        expired: 'The access token has expired; refresh it',
        invalid: 'The access token is not valid; sign in again',
      });
      this.verifiedAccess.add(accessToken, claims);
    }
    return this.principalOfSession(claims);
  }

  /** When a token (already verified) expires: a live socket signed in with it is closed then. */
  expiryOf(token: string): Date {
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return new Date(exp * 1000);
  }

  /**
   * A token for the browser consoles under /admin (carried by their cookie, see console-access.ts), as long-lived
   * as an access token and bound to the caller's session: ending the session ends it. It is signed with a key of
   * its own, so it never passes as an access token, nor an access token as it.
   */
  async consoleToken(principal: Principal): Promise<{ token: string; expiresIn: number }> {
    const claims: AccessClaims = { sub: principal.id, sid: principal.sessionId };
    const expiresIn = this.config.AUTH_ACCESS_TOKEN_MINUTES * 60;
    return { token: await this.jwt.signAsync(claims, { expiresIn, secret: this.consoleKey() }), expiresIn };
  }

  /** The caller behind a console token, checked as principalOf checks an access token. */
  async principalOfConsoleToken(consoleToken: string): Promise<Principal> {
    const claims = await this.verify(consoleToken, this.consoleKey(), {
      expired: 'The console sign-in has expired; open the console again from the admin screen',
      invalid: 'The console sign-in is not valid; open the console again from the admin screen',
    });
    return this.principalOfSession(claims);
  }

  private consoleKey(): Buffer {
    return createHmac('sha256', this.config.jwtSecret).update('citygrid admin console').digest();
  }

  private async verify(
    token: string,
    secret: Buffer | undefined,
    messages: { expired: string; invalid: string },
  ): Promise<VerifiedClaims> {
    try {
      return await this.jwt.verifyAsync<VerifiedClaims>(token, secret ? { secret } : undefined);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new AuthException(
        expired ? AuthErrorCode.TOKEN_EXPIRED : AuthErrorCode.TOKEN_INVALID,
        expired ? messages.expired : messages.invalid,
      );
    }
  }

  private async principalOfSession(claims: AccessClaims): Promise<Principal> {
    // Every request asks this: one prepared statement of the columns needed, without the query builder's work.
    const [row] = await preparedQuery<SessionRow>(
      this.sessions.manager.dataSource,
      `SELECT s.revoked_at AS "revokedAt", s.expires_at AS "expiresAt", s.created_at AS "createdAt",
              u.disabled, u.password_changed_at AS "passwordChangedAt",
              u.id, u.username, u.display_name AS "displayName", u.roles, u.area_codes AS "areaCodes",
              u.department_id AS "departmentId", s.id AS "sessionId"
       FROM auth_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2`,
      [claims.sid, claims.sub],
    );
    if (!row || !isLive(row, row))
      throw new AuthException(AuthErrorCode.SESSION_ENDED, 'The session has ended; sign in again');
    return { ...toPrincipalDto(row), sessionId: row.sessionId };
  }

  private async tokens(user: UserEntity, session: AuthSessionEntity, secret: string): Promise<TokensDto> {
    const claims: AccessClaims = { sub: user.id, sid: session.id };
    const expiresIn = this.config.AUTH_ACCESS_TOKEN_MINUTES * 60;
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      expiresIn,
      refreshToken: `${session.id}.${secret}`,
      refreshExpiresAt: session.expiresAt.toISOString(),
      user: toPrincipalDto(user),
    };
  }

  private locked(until: Date): AuthException {
    const retryAfter = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new AuthException(
      AuthErrorCode.ACCOUNT_LOCKED,
      `Too many wrong passwords: the account is locked until ${until.toISOString()}`,
      [{ field: 'username', reason: 'locked', message: `try again in ${retryAfter} s`, retryAfter }],
    );
  }
}
