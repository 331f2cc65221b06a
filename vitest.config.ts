import { defineConfig } from 'vitest/config';

// One config for both backends: the test command runs it once on PGlite and once with DATABASE_URL
// pointing at a PostgreSQL it started itself (scripts/test.sh).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/no-network.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
