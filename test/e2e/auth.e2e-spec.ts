import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { ApiClient, DEMO_PASSWORD, errorCode, signIn, type Tokens } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';

describe('sign-in, tokens and sessions', () => {
  let api: TestApp;
  let anonymous: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await createTestApp();
    anonymous = new ApiClient(api.url);
    admin = await signIn(api.url, 'admin');
  });

  afterAll(async () => {
    await api.close();
  });

  const login = (username: string, password = DEMO_PASSWORD) =>
    anonymous.post<Tokens>('/api/v1/auth/login', { username, password });
  const userId = async (username: string) =>
    (await admin.get<{ items: Array<{ id: string }> }>(`/api/v1/users?q=${username}`)).body.items[0].id;

  it('signs in with the password and returns an access token, a refresh token and who you are', async () => {
    const response = await login('dispatcher');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
      user: { username: 'dispatcher', roles: ['dispatcher'] },
    });
    const me = await new ApiClient(api.url, response.body.accessToken).get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ username: 'dispatcher', roles: ['dispatcher'], departmentId: null });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    for (const response of [await login('acceptor', 'wrong password'), await login('no-such-user')]) {
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('INVALID_CREDENTIALS');
    }
  });

  it('locks an account after 5 wrong passwords in a row, even against the right one, until an admin unlocks it', async () => {
    for (let i = 0; i < 4; i++)
      expect(errorCode(await login('inspector-50', 'guess ' + i))).toBe('INVALID_CREDENTIALS');
    const fifth = await login('inspector-50', 'guess 4');
    expect(fifth.status).toBe(429);
    expect(errorCode(fifth)).toBe('ACCOUNT_LOCKED');
    const right = await login('inspector-50');
    expect(right.status).toBe(429);
    expect(
      (right.body as unknown as { error: { details: Array<{ retryAfter: number }> } }).error.details[0]
        .retryAfter,
    ).toBeGreaterThan(800);

    const unlocked = await admin.patch(`/api/v1/users/${await userId('inspector-50')}`, { locked: false });
    expect(unlocked.body).toMatchObject({ lockedUntil: null });
    expect((await login('inspector-50')).status).toBe(200);
  });

  it('counts parallel wrong passwords without losing any', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, i) => login('inspector-51', `parallel ${i}`)),
    );
    expect(attempts.filter((r) => errorCode(r) === 'ACCOUNT_LOCKED')).toHaveLength(1);
    expect(errorCode(await login('inspector-51'))).toBe('ACCOUNT_LOCKED');
  });

  it('checks no more passwords than the limit however many arrive at once, the right one included', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login('inspector-53', i === 11 ? DEMO_PASSWORD : `parallel ${i}`)),
    );
    expect(attempts.filter((r) => r.status !== 429).length).toBeLessThanOrEqual(5);
    expect(attempts.filter((r) => errorCode(r) === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(7);
  });

  it('resets the count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await login('inspector-52', 'nope');
    expect((await login('inspector-52')).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect(errorCode(await login('inspector-52', 'nope'))).toBe('INVALID_CREDENTIALS');
  });

  it('rotates the refresh token; replaying a used one ends the session for everyone holding it', async () => {
    const first = (await login('shiftleader')).body;
    const refreshed = await anonymous.post<Tokens>('/api/v1/auth/refresh', {
      refreshToken: first.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
    const current = new ApiClient(api.url, refreshed.body.accessToken);
    expect((await current.get('/api/v1/auth/me')).status).toBe(200);

    const replay = await anonymous.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(errorCode(replay)).toBe('SESSION_ENDED');
    expect(errorCode(await current.get('/api/v1/auth/me'))).toBe('SESSION_ENDED');
    expect(
      errorCode(await anonymous.post('/api/v1/auth/refresh', { refreshToken: refreshed.body.refreshToken })),
    ).toBe('SESSION_ENDED');
  });

  it('rejects made-up refresh tokens', async () => {
    for (const refreshToken of ['abc.def', `${'-'.repeat(36)}.x`, `${crypto.randomUUID()}.x`]) {
      const response = await anonymous.post('/api/v1/auth/refresh', { refreshToken });
      expect(response.status).toBe(401);
    }
  });

  it('ends every session of a user whose password an admin changes', async () => {
    const before = await signIn(api.url, 'inspector-54');
    const changed = await admin.patch(`/api/v1/users/${await userId('inspector-54')}`, {
      password: 'a new password',
    });
    expect(changed.status).toBe(200);
    expect(errorCode(await before.get('/api/v1/auth/me'))).toBe('SESSION_ENDED');
    expect((await login('inspector-54')).status).toBe(401);
    expect((await login('inspector-54', 'a new password')).status).toBe(200);
  });

  it('answers input the database cannot store with 400, not 500', async () => {
    const response = await login('nul\u0000user');
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('VALIDATION_FAILED');
  });

  it('logs out: the access token and the refresh token of that session stop working at once', async () => {
    const tokens = (await login('supervisor')).body;
    const client = new ApiClient(api.url, tokens.accessToken);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect(errorCode(await client.get('/api/v1/auth/me'))).toBe('SESSION_ENDED');
    expect(
      errorCode(await anonymous.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })),
    ).toBe('SESSION_ENDED');
  });

  it('tells a missing, a forged and an expired access token apart', async () => {
    expect(errorCode(await anonymous.get('/api/v1/auth/me'))).toBe('TOKEN_MISSING');
    const forged = new JwtService({ secret: 'not the server secret' }).sign({ sub: 'x', sid: 'y' });
    expect(errorCode(await new ApiClient(api.url, forged).get('/api/v1/auth/me'))).toBe('TOKEN_INVALID');

    const { user } = (await login('acceptor')).body;
    const expired = await api.app
      .get(JwtService)
      .signAsync({ sub: user.id, sid: 'whatever', exp: Math.floor(Date.now() / 1000) - 5 });
    const response = await new ApiClient(api.url, expired).get('/api/v1/auth/me');
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('TOKEN_EXPIRED');
  });

  it('a disabled user cannot sign in, and their open sessions stop at once', async () => {
    const handler = await signIn(api.url, 'handler-traffic-2');
    expect((await admin.delete(`/api/v1/users/${await userId('handler-traffic-2')}`)).status).toBe(204);
    expect(errorCode(await handler.get('/api/v1/auth/me'))).toBe('SESSION_ENDED');
    const again = await login('handler-traffic-2');
    expect(again.status).toBe(403);
    expect(errorCode(again)).toBe('ACCOUNT_DISABLED');
  });

  it('stores argon2id hashes, never the password', async () => {
    const created = await admin.post<{ id: string }>('/api/v1/users', {
      username: 'new-inspector',
      displayName: '新巡查员',
      password: 'a long enough password',
      roles: ['inspector'],
      areaCodes: ['330191001'],
    });
    expect(created.status).toBe(201);
    const [row] = await api.app
      .get(DataSource)
      .query('SELECT password_hash FROM users WHERE id = $1', [created.body.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await login('new-inspector', 'a long enough password')).status).toBe(200);
  });
});
