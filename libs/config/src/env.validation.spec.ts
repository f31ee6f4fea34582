import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigValidationError,
  DEV_JWT_SECRET,
  ENV_VARIABLE_NAMES,
  NodeEnv,
  validateEnv,
} from './env.validation';

describe('validateEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    const sut = validateEnv({});
    expect(sut).toMatchObject({
      NODE_ENV: NodeEnv.Development,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/citygrid',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      TZ_CITY: 'Asia/Shanghai',
      PHOTO_STORAGE: 'local',
      WORKER_CONCURRENCY: 20,
    });
    expect(sut.jwtSecret).toBe(DEV_JWT_SECRET);
  });

  it('turns numeric strings into numbers and treats empty strings as unset', () => {
    const sut = validateEnv({ PORT: '8080', WORKER_CONCURRENCY: '', DATABASE_POOL_SIZE: '30' });
    expect(sut.PORT).toBe(8080);
    expect(sut.WORKER_CONCURRENCY).toBe(20);
    expect(sut.DATABASE_POOL_SIZE).toBe(30);
  });

  it('lists every bad variable at once, naming the variable and the value given', () => {
    const error = (() => {
      try {
        validateEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', TZ_CITY: 'Shanghai', NODE_ENV: 'staging' });
      } catch (e) {
        return e as ConfigValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error!.problems.map((p) => p.split(':')[0]).sort()).toEqual(
      ['DATABASE_URL', 'NODE_ENV', 'PORT', 'TZ_CITY'].sort(),
    );
    expect(error!.message).toContain('PORT: ');
    expect(error!.message).toContain('(got "abc")');
  });

  it('requires a real JWT secret in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: .*not set/);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(
      /development default/,
    );
    const secret = 'x'.repeat(40);
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: secret }).jwtSecret).toBe(secret);
  });

  it('requires the S3 settings only when photos go to S3', () => {
    expect(() => validateEnv({ PHOTO_STORAGE: 's3' })).toThrow(
      /S3_BUCKET: must be set when PHOTO_STORAGE=s3/,
    );
    expect(
      validateEnv({
        PHOTO_STORAGE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'photos',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 'b',
      }).S3_BUCKET,
    ).toBe('photos');
  });
});

describe('README configuration table', () => {
  it('documents every variable the schema reads, and no other', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const table = readme.split('## Configuration')[1]!.split('\n## ')[0]!;
    const documented = [...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]);
    expect(new Set(documented)).toEqual(new Set(ENV_VARIABLE_NAMES));
  });
});
