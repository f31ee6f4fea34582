import { ENV_VARIABLE_NAMES } from '@citygrid/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

interface Service {
  build?: { context: string; target: string };
  command?: string[];
  environment?: Record<string, string>;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('runs postgres, redis, api and worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis', 'worker']);
  });

  it('builds api and worker from the one Dockerfile, each with its own built entry point', () => {
    for (const [name, entry] of [
      ['api', 'dist/apps/api/src/main.js'],
      ['worker', 'dist/apps/worker/src/main.js'],
    ] as const) {
      const service = compose.services[name]!;
      expect(service.build).toEqual({ context: '.', target: 'runtime' });
      expect(service.command).toEqual(['node', entry]);
    }
    expect(dockerfile).toMatch(/^FROM .+ AS runtime$/m);
  });

  it('sets only variables the configuration schema knows, and every one it needs to reach the services', () => {
    for (const name of ['api', 'worker']) {
      const env = Object.keys(compose.services[name]!.environment ?? {});
      expect(env.filter((key) => !ENV_VARIABLE_NAMES.includes(key))).toEqual([]);
      expect(env).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'NODE_ENV']));
    }
  });

  it('points the apps at the compose services by name', () => {
    const env = compose.services['api']!.environment!;
    expect(new URL(env['DATABASE_URL']!).hostname).toBe('postgres');
    expect(new URL(env['REDIS_URL']!).hostname).toBe('redis');
  });
});
