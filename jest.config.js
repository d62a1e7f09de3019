// Three projects: the platform-free core (run under two time zones by `npm test`),
// node-side tests that go through the local cloud, and mini-program UI tests under jsdom.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }];
const mpJest = ['ts-jest', { tsconfig: '<rootDir>/miniprogram/tsconfig.json' }];
// Function folders (real and fixtures) hold package.json files with the same names; none is a module to resolve.
const modulePathIgnorePatterns = ['<rootDir>/tools/local-cloud/test/fixtures/', '<rootDir>/tools/bench/fixtures/'];

module.exports = {
  projects: [
    {
      displayName: 'core',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/core/**/*.test.ts'],
    },
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      modulePathIgnorePatterns,
      testMatch: [
        '<rootDir>/server/**/*.test.ts',
        '<rootDir>/tools/**/*.test.ts',
        '<rootDir>/test/**/*.test.ts',
        '<rootDir>/typings/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/test/global-setup.ts',
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.ts$': mpJest },
      testMatch: ['<rootDir>/miniprogram/**/*.test.ts'],
      setupFiles: ['<rootDir>/miniprogram/test-utils/setup.ts'],
    },
  ],
};
