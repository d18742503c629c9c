/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '\\.(ts|mjs)$': '<rootDir>/test/esbuild-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // Generous: on a loaded 2-core machine the heaviest scenarios (a two-year backfill, 200 DataSets) take minutes;
  // speed is judged by the benchmark, never by a test timeout.
  testTimeout: 300000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/build-once.cjs',
  reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
};
