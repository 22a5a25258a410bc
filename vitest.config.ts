import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS entry (the package has no `exports` map), and so do the libraries that build
    // the schema; Vite would hand our own modules the `module` entry instead, and graphql's realm check rejects
    // a schema type from the other copy. Tests load it as production does.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    restoreMocks: true,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Some of these tests share a Redis at 127.0.0.1:6379; the first finds one, or starts one, or says how to
          // get one. The second fails the run, after it, if a seeded secret reached a GraphQL answer, a log line or
          // the graph at all.
          globalSetup: ['test/helpers/redis-global-setup.ts', 'test/guard/leak-guard.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
