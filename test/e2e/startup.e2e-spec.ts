import { adminUrlOf, databaseUrl, listDatabases } from '@citygrid/testing';
import { signIn } from '../support/api-client';
import { AppProcess } from '../support/app-process';

const scope = () => process.env.REDIS_KEY_PREFIX!;

describe('starting CityGrid', () => {
  it('npm start: creates, migrates and seeds an empty database, serves api, web and worker on one port, stops on SIGTERM', async () => {
    const database = `${scope()}_fresh`;
    const url = databaseUrl(process.env.DATABASE_URL!, database);
    const app = new AppProcess('standalone', {
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    try {
      const [, base] = await app.waitFor(/CityGrid is running at (http:\/\/localhost:\d+)/);
      expect(app.output).toMatch(/Ran \d+ migration\(s\)/);
      // The demo city, and how to sign in to it, printed at first start.
      expect(app.output).toContain(
        'Seeded the demo city: 2 districts, 4 streets, 20 communities, 2000 unit grids',
      );
      expect(app.output).toMatch(
        /Demo users \(password \\"citygrid\\"\): [^\n]*admin, dispatcher, shiftleader, acceptor, supervisor/,
      );
      expect(await listDatabases(adminUrlOf(url), database)).toEqual([database]);

      const home = await fetch(`${base}/`);
      expect(await home.text()).toContain('CityGrid');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      // The worker in the same process answers the pipeline self-check.
      const admin = await signIn(base, 'admin');
      await admin.post('/api/v1/system/ping', {}, { 'x-correlation-id': 'standalone-1' });
      await app.waitFor(/"correlationId":"standalone-1"[^\n]*system\.ping done/);
    } finally {
      expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
  });

  it('never seeds the demo city in production', async () => {
    const seed = new AppProcess('seed-demo', {
      NODE_ENV: 'production',
      JWT_SECRET: 'a production secret that is long enough to pass',
      DATABASE_URL: databaseUrl(process.env.DATABASE_URL!, `${scope()}_production`),
    });
    expect((await seed.exited).code).toBe(1);
    expect(seed.output).toContain('never seeded when NODE_ENV=production');
  });

  it('refuses to start on a bad configuration, listing every problem', async () => {
    const app = new AppProcess('api', { PORT: 'eighty', NODE_ENV: 'production', TZ_CITY: 'Beijing' });
    const exit = await app.exited;
    expect(exit.code).toBe(1);
    expect(app.output).toContain('Configuration is invalid');
    expect(app.output).toMatch(/PORT: .*\(got "eighty"\)/);
    expect(app.output).toMatch(/JWT_SECRET: must be set in production/);
    expect(app.output).toMatch(/TZ_CITY: must be an IANA time zone/);
  });

  it('exits with one sentence naming the PostgreSQL URL it could not reach, password masked', async () => {
    const app = new AppProcess('worker', { DATABASE_URL: 'postgres://citygrid:secret@127.0.0.1:1/citygrid' });
    expect((await app.exited).code).toBe(1);
    expect(app.output).toMatch(
      /Cannot reach PostgreSQL at postgres:\/\/citygrid:\*{4}@127\.0\.0\.1:1\/citygrid \(ECONNREFUSED\): start it/,
    );
    expect(app.output).not.toContain('secret');
  });

  it('exits with one sentence naming the Redis URL it could not reach', async () => {
    const app = new AppProcess('standalone', { REDIS_URL: 'redis://127.0.0.1:1' });
    expect((await app.exited).code).toBe(1);
    expect(app.output).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\): start it/);
  });
});
