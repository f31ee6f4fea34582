// E2E tests: real PostgreSQL and Redis. One migrated template database per run; every test file gets its own
// database cloned from it and its own Redis key prefix (test/support/per-file-setup.ts).
const base = require('../jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test'],
  testRegex: '\\.e2e-spec\\.ts$',
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/per-file-setup.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
