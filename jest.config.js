/**
 * Test tiers by file name:
 *   *.test.ts      unit and in-process tests, no network, run by `npm test`
 *   *.int.test.ts  need PostgreSQL / Redis on 127.0.0.1, run by `npm run test:int` (CI)
 *   *.e2e.test.ts  drive the web chat page in headless Chromium, run by `npm run test:e2e` (CI)
 */
const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const common = {
  transform,
  // ml-* packages ship ES modules only; let swc turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(ml-|is-any-array|num-sort|median-quickselect)[^/]*/)'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
module.exports = {
  // Two-core CI machines run several suites at once; real databases, servers and training need more than 5 s there.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.test.ts'] },
  ],
};
