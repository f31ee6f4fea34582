import { AppConfig, ConfigValidationError, validateEnv } from '@citygrid/config';
import { ServiceUnreachableError } from '../preflight/service-preflight';

/** Anything a main starts and must close on shutdown, closed in the order given. */
export interface Closable {
  close(): Promise<unknown>;
}

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

/**
 * The shape of every entry point: check the configuration, start, and on SIGTERM or SIGINT close what was
 * started in order (the api stops taking requests before the worker lets its in-flight jobs finish), then exit.
 * A bad configuration or an unreachable service ends the process with one readable message and exit code 1.
 */
export async function runMain(
  role: string,
  start: (config: AppConfig) => Promise<Closable[]>,
): Promise<void> {
  let config: AppConfig;
  try {
    config = validateEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) fail(`CityGrid ${role} cannot start. ${error.message}`);
    throw error;
  }
  let started: Closable[];
  try {
    started = await start(config);
  } catch (error) {
    if (error instanceof ServiceUnreachableError) fail(`CityGrid ${role} cannot start. ${error.message}`);
    throw error;
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`CityGrid ${role}: ${signal} received, finishing in-flight work\n`);
    for (const closable of started) await closable.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
