import { defineConfig } from 'vitest/config';

// Browser tests: the built web app (npm run build) served by a real `jiedao serve --demo` on a temp
// PGlite folder, driven by playwright-core in Debian's Chromium (scripts/ensure-chromium.sh).
// `npm run test:e2e`; scripts/test.sh runs it after the PGlite and PostgreSQL runs.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    // one browser at a time: two cores, one server
    fileParallelism: false,
    testTimeout: 60_000,
    // A real browser on a shared 2-core machine: a test that fails is run once more, and the closing
    // summary names every test that passed only on that retry (scripts/test-summary.mjs), so a flaky
    // test stays visible and gets fixed instead of turning CI red at random (docs/decisions/0008-browser-test-retry.md).
    retry: 1,
    hookTimeout: 120_000,
  },
});
