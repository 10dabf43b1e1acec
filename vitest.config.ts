import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{sim,models,scenarios,properties,cli,reports,examples}/**/*.test.{ts,tsx}'],
    globalSetup: ['./cli/test-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
