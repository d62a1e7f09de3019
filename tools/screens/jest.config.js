// The render step of `npm run screens` (tools/screens/index.ts runs it): pages under
// miniprogram-simulate as the UI tests load them, written out as HTML. Not part of `npm test`.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

module.exports = {
  rootDir: root,
  testEnvironment: 'jsdom',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/miniprogram/tsconfig.json', diagnostics: false }] },
  testMatch: ['<rootDir>/miniprogram/test-utils/screens/render.screens.ts'],
  setupFiles: ['<rootDir>/miniprogram/test-utils/setup.ts'],
  modulePathIgnorePatterns: ['<rootDir>/tools/local-cloud/test/fixtures/', '<rootDir>/tools/bench/fixtures/'],
  testTimeout: 60000,
};
