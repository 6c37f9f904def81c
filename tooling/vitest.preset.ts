import { defineConfig } from 'vitest/config';

/** Shared vitest settings: workspace packages resolve to their TypeScript sources. */
export function fakeredisVitestConfig(overrides: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { conditions: ['source'] },
    ssr: { resolve: { conditions: ['source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      pool: 'forks',
    },
  });
}
