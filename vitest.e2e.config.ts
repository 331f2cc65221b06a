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
    hookTimeout: 120_000,
  },
});
