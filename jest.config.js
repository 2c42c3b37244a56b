/** One suite for the whole system: it boots the real CMS on the test database (SQLite, or PostgreSQL with DATABASE_URL). */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  testTimeout: 120000,
  // The suites share one database and boot Strapi each: run them one after the other.
  maxWorkers: 1,
};
