import 'reflect-metadata';
import { validateEnv } from '@citygrid/config';
import { DemoSeedRefusedError, describeDemoSeed, seedDemoCityFor } from '@citygrid/demo-city';

/** `npm run seed:demo`: the demo city into an empty, migrated database; refused in production. */
async function main(): Promise<void> {
  try {
    const seeded = await seedDemoCityFor(validateEnv(process.env));
    process.stdout.write(
      seeded ? `${describeDemoSeed(seeded)}\n` : 'The database is not empty: nothing seeded.\n',
    );
  } catch (error) {
    process.stderr.write(
      `${error instanceof DemoSeedRefusedError ? error.message : (error as Error).stack}\n`,
    );
    process.exitCode = 1;
  }
}

void main();
