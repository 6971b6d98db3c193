// One Jest run covers unit specs (next to the code) and e2e specs (test/).
// e2e specs talk to the real Postgres and Redis: globalSetup migrates a template
// database once, and every spec file clones its own database from it.
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/seeds'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  // Node 20 requires these ESM-only packages natively; Jest's module loader cannot, so swc turns them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper: {
    '^@app/(config|database|domain|calendar|queue|notifications|reporting)(/(.*))?$': '<rootDir>/libs/$1/src$2',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
