/** Tests run against a real PostgreSQL (DATABASE_URL, or an embedded one) and Redis (REDIS_URL). */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Suites that need Redis run whenever REDIS_URL is set (always in CI) and then fail if it is unreachable.
  testPathIgnorePatterns: process.env.REDIS_URL ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/redis/'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
