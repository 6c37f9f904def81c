import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../packages');

/**
 * Tests import any workspace package by name and get its TypeScript sources, with no
 * build and no declared dependency (core's tests use @fakeredis/strings to create keys
 * without making core depend on it, which would be a cycle).
 */
const workspaceAliases = readdirSync(packagesDir)
  .filter((name) => existsSync(resolve(packagesDir, name, 'src/index.ts')))
  .map((name) => ({ find: `@fakeredis/${name}`, replacement: resolve(packagesDir, name, 'src/index.ts') }));

/** Shared vitest settings for every package. */
export function fakeredisVitestConfig(overrides: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { conditions: ['source'], alias: workspaceAliases },
    ssr: { resolve: { conditions: ['source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      pool: 'forks',
    },
  });
}
