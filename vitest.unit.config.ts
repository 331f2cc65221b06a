import { defineConfig } from 'vitest/config';

// Pure-rule tests only (no database): a quick loop while working on a rule file.
// `npx vitest run --config vitest.unit.config.ts src/tasks` — the full suite is `npm test`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.db.test.ts', '**/node_modules/**'],
    setupFiles: ['test/no-network.ts'],
    pool: 'forks',
  },
});
