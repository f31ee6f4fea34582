import { Client } from 'pg';
import { createRedisConnection } from '../redis/redis-connection';

/** A backing service could not be reached; the message is one sentence an operator can act on. */
export class ServiceUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnreachableError';
  }
}

const CONNECT_TIMEOUT_MS = 5000;

/** The URL with any password masked, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return url;
  }
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}

/**
 * Checks that PostgreSQL answers at `url`. When the server answers but the database does not exist yet and
 * `createIfMissing` is set (development, tests), creates it: `npm ci && npm start` then works on a fresh server.
 */
export async function ensurePostgres(
  url: string,
  { createIfMissing }: { createIfMissing: boolean },
): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    return;
  } catch (error) {
    const missingDatabase = (error as { code?: string }).code === '3D000';
    if (!missingDatabase || !createIfMissing) {
      throw new ServiceUnreachableError(
        missingDatabase
          ? `PostgreSQL at ${redactUrl(url)} has no such database: create it (createdb) or point DATABASE_URL at one.`
          : `Cannot reach PostgreSQL at ${redactUrl(url)} (${reason(error)}): start it (docker compose up -d postgres, ` +
              `or pg_ctlcluster <version> main start) or set DATABASE_URL.`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new Client({
    connectionString: target.toString(),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') {
      throw new ServiceUnreachableError(
        `PostgreSQL at ${redactUrl(url)} has no database "${name}" and it could not be created (${reason(error)}): ` +
          `create it (createdb ${name}) or point DATABASE_URL at one.`,
      );
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Checks that Redis answers PING at `url` within a few seconds. */
export async function ensureRedis(url: string): Promise<void> {
  const redis = createRedisConnection(url, 'preflight', {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // connect() rejects with "Connection is closed"; the cause (ECONNREFUSED, ENOTFOUND…) comes as an event.
  let cause: unknown;
  redis.on('error', (error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ServiceUnreachableError(
      `Cannot reach Redis at ${redactUrl(url)} (${reason(cause ?? error)}): start it (docker compose up -d redis, ` +
        `or redis-server --daemonize yes) or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}
