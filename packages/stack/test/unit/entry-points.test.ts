import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each module's entry point (@fakeredis/stack/json, /bloom ...) pulls in nothing of the other
// modules at run time: everything its index.ts reaches through relative imports, transitively
// (what the bundler puts behind that entry), lies in its own directory or in the small
// shared files below, which import nothing of any module.

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Files shared between modules, and which module directories may reach them. */
const SHARED: Record<string, readonly string[]> = {
  'bloom/murmur.ts': ['bloom', 'cuckoo', 'cms', 'topk'],
  'module-io.ts': ['bloom', 'cuckoo', 'cms', 'topk', 'tdigest', 'timeseries', 'json'],
  'libm.ts': ['topk', 'tdigest'],
};

const MODULES = ['bloom', 'cuckoo', 'cms', 'topk', 'tdigest', 'timeseries', 'json', 'vectorset'];

/** The source files reachable from `entry` by relative imports (type-only imports included). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(resolve(src, file), 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*'(\.[^']+)'/g)) {
      stack.push(relative(src, resolve(src, dirname(file), match[1]!.replace(/\.js$/, '.ts'))));
    }
  }
  return seen;
}

describe('entry points: each module alone', () => {
  it.each(MODULES)('%s/index.ts reaches only its own files and the shared helpers it may use', (module) => {
    const files = [...reachable(`${module}/index.ts`)];
    for (const file of files) {
      expect(file.startsWith(`${module}/`) || SHARED[file]?.includes(module) === true, `${module} reaches ${file}`).toBe(true);
    }
  });

  it('the shared helpers import no module', () => {
    for (const file of Object.keys(SHARED)) expect([...reachable(file)]).toEqual([file]);
  });

  it('package.json exports and tsdown build every module entry point', () => {
    const pkg = JSON.parse(readFileSync(resolve(src, '../package.json'), 'utf8')) as { exports: Record<string, { source: string }> };
    const tsdown = readFileSync(resolve(src, '../tsdown.config.ts'), 'utf8');
    for (const module of MODULES) {
      expect(pkg.exports[`./${module}`]?.source, module).toBe(`./src/${module}/index.ts`);
      expect(tsdown, module).toContain(`'src/${module}/index.ts'`);
    }
  });
});
