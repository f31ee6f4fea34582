import { Role, type Principal } from '@citygrid/common';
import { AuthException } from './auth.exception';
import { bearerTokenOf, consoleCookie, cookieOf, requireAnyRole } from './console-access';

describe('console access', () => {
  it('reads a bearer token, any case of the scheme, and nothing else', () => {
    expect(bearerTokenOf('Bearer a.b.c')).toBe('a.b.c');
    expect(bearerTokenOf('bearer a.b.c')).toBe('a.b.c');
    expect(bearerTokenOf('Basic dXNlcjpwdw==')).toBeNull();
    expect(bearerTokenOf('Bearer ')).toBeNull();
    expect(bearerTokenOf(undefined)).toBeNull();
  });

  it('finds one cookie by its exact name among others', () => {
    const header = 'xcitygrid_console=no; citygrid_console=a.b.c; other=1';
    expect(cookieOf(header, 'citygrid_console')).toBe('a.b.c');
    expect(cookieOf('citygrid_console=', 'citygrid_console')).toBeNull();
    expect(cookieOf('other=1', 'citygrid_console')).toBeNull();
    expect(cookieOf(undefined, 'citygrid_console')).toBeNull();
  });

  it('sets an HttpOnly, SameSite=Strict cookie for its path, Secure only over HTTPS', () => {
    expect(consoleCookie('a.b.c', { path: '/admin/queues', maxAge: 900, secure: false })).toBe(
      'citygrid_console=a.b.c; Path=/admin/queues; Max-Age=900; HttpOnly; SameSite=Strict',
    );
    expect(consoleCookie('a.b.c', { path: '/admin/queues', maxAge: 900, secure: true })).toMatch(
      /; SameSite=Strict; Secure$/,
    );
  });

  it('refuses a caller without one of the roles with ROLE_NOT_ALLOWED, naming them', () => {
    const dispatcher = { roles: [Role.Dispatcher] } as Principal;
    expect(() => requireAnyRole(dispatcher, [Role.Dispatcher, Role.Admin])).not.toThrow();
    let refusal: unknown;
    try {
      requireAnyRole(dispatcher, [Role.Admin]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AuthException);
    expect(refusal).toMatchObject({ code: 'ROLE_NOT_ALLOWED', details: [{ allowedRoles: [Role.Admin] }] });
  });
});
