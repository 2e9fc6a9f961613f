import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup-fast-check.ts'],
    // The tests that start bin/corridor.js run dist/: build it first, so `npx vitest run` works as `npm test` does.
    globalSetup: process.env.STRYKER_MUTATOR_WORKER === undefined ? ['tests/build-dist.ts'] : [],
    pool: 'forks',
    // Under Stryker (npm run mutation) the code is instrumented and runs one worker at a time beside others.
    testTimeout: process.env.STRYKER_MUTATOR_WORKER === undefined ? 20_000 : 180_000,
    hookTimeout: 60_000,
  },
});
