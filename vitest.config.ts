import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = {
  '@harbour/shared': path.resolve('packages/shared/src/index.ts'),
  '@harbour/dns': path.resolve('apps/dns/src/index.ts'),
  '@harbour/udp-batch': path.resolve('packages/udp-batch/index.js'),
  '@harbour/seal': path.resolve('packages/seal/index.js'),
};
const pg = process.env.HARBOUR_TEST_DB === 'postgres';

export default defineConfig({
  resolve: { alias },
  test: {
    // Two workers: the machines that run CI have two cores (clarification 2).
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // Projects do not inherit the root's timeouts; a loaded CI machine needs more than vitest's 5 s.
          testTimeout: 30_000,
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/server/src/**/*.unit.test.ts',
            'apps/dns/src/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
          ],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server-db',
          include: ['apps/server/src/**/*.test.ts'],
          exclude: ['apps/server/src/**/*.unit.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: pg ? { HARBOUR_TEST_DB: 'postgres' } : {},
        },
      },
      ...(pg
        ? []
        : [
            {
              resolve: { alias },
              test: {
                name: 'browser',
                include: ['e2e/**/*.e2e.test.ts'],
                testTimeout: 120_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]),
    ],
  },
});
