import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { hasAnyRole, HttpExceptionFilter, type Principal, type Role } from '@citygrid/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL } from './auth.decorators';
import { AuthErrorCode, AuthException } from './auth.exception';
import type { AuthService } from './auth.service';

/**
 * Browser consoles mounted beside the API (the queue dashboard at /admin/queues) are plain pages a browser
 * navigates to, so they cannot send `Authorization: Bearer`. They take either that header (scripts, tests) or
 * this cookie, set by POST /api/v1/auth/admin-console: HttpOnly, SameSite=Strict, only sent under the
 * console's path, holding a console token (AuthService.consoleToken) that is no access token.
 */
export const CONSOLE_COOKIE = 'citygrid_console';

/** The token of `Authorization: Bearer <token>`, or null when the header is missing or another scheme. */
export function bearerTokenOf(authorization: string | undefined): string | null {
  const [scheme, token] = (authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

/** One cookie's value from a `Cookie` header, or null. */
export function cookieOf(header: string | undefined, name: string): string | null {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || null;
  }
  return null;
}

/** The `Set-Cookie` value carrying a console token to the pages and calls under `path` only. */
export function consoleCookie(
  token: string,
  options: { path: string; maxAge: number; secure: boolean },
): string {
  const secure = options.secure ? '; Secure' : '';
  return `${CONSOLE_COOKIE}=${token}; Path=${options.path}; Max-Age=${options.maxAge}; HttpOnly; SameSite=Strict${secure}`;
}

/** Refuses a caller who holds none of `roles`, as every guarded route does. */
export function requireAnyRole(principal: Principal, roles: readonly Role[]): void {
  if (!hasAnyRole(principal, roles)) {
    throw new AuthException(AuthErrorCode.ROLE_NOT_ALLOWED, `Only ${roles.join(', ')} may do this`, [
      { reason: 'role', message: `your roles: ${principal.roles.join(', ')}`, allowedRoles: roles },
    ]);
  }
}

/**
 * A fastify onRequest hook for a console scope (its pages, assets and API): a bearer access token or the console
 * cookie, checked like every API call (expired, revoked or disabled → 401), and one of `roles` (else 403).
 * Refusals leave in the error body of DESIGN.md §9, through the same filter as the API's.
 */
export function consoleAccessHook(auth: AuthService, roles: readonly Role[]) {
  const filter = new HttpExceptionFilter();
  return async (request: FastifyRequest & { [PRINCIPAL]?: Principal }, reply: FastifyReply) => {
    try {
      const bearer = bearerTokenOf(request.headers.authorization);
      const cookie = cookieOf(request.headers.cookie, CONSOLE_COOKIE);
      if (!bearer && !cookie) {
        throw new AuthException(
          AuthErrorCode.TOKEN_MISSING,
          'Sign in as an admin first: open the console from the admin screen, or send Authorization: Bearer <access token>',
        );
      }
      const principal = bearer ? await auth.principalOf(bearer) : await auth.principalOfConsoleToken(cookie!);
      requireAnyRole(principal, roles);
      request[PRINCIPAL] = principal;
    } catch (error) {
      filter.catch(error, new ExecutionContextHost([request, reply]));
      return reply;
    }
  };
}
