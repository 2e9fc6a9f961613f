// Mutation testing of the decision engine and the access rule: `npm run mutation` (slow, not in CI).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  mutate: ['src/engine/**/*.ts', 'src/app/access.ts'],
  // Only the tests of the mutated code; evaluate-demo.test.ts tests the database's problem builder
  // (it seeds a database per test, seconds per mutant) and reaches the engine through evaluate only.
  testFiles: ['tests/engine/!(evaluate-demo).test.ts', 'tests/engine/*/**/*.test.ts', 'tests/app/access.test.ts'],
  coverageAnalysis: 'perTest',
  // A module-level mutant (the zod schema, the random-index tables) would rerun every test in a fresh
  // environment; these are reported as ignored and covered by the ordinary test run instead.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // Two cores shared with other work.
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Stryker rewrites tsconfig.json's extends and references for its sandbox with TypeScript's JS API,
  // which TypeScript 7 no longer has; ours has neither, so it is given no tsconfig to rewrite.
  tsconfigFile: '',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
