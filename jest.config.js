// One Jest run covers unit specs (next to the code) and e2e specs (test/).
// e2e specs talk to the real Postgres and Redis: globalSetup migrates a template
// database once, and every spec file clones its own database from it.

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/seeds'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  // The web app has its own runners (Vitest for its logic, Playwright in Chromium for its pages).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Transpile only (tsconfig.spec.json: isolatedModules): type checking is `npm run typecheck`'s job.
  transform: { '^.+\\.(ts|js|mjs)$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  // Node 20 requires these ESM-only packages natively; Jest's module loader cannot, so ts-jest turns them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper: {
    '^@app/(config|database|domain|calendar|queue|notifications|reporting)(/(.*))?$': '<rootDir>/libs/$1/src$2',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
