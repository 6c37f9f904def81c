import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where lua-redis-wasm's Node entries are. The published package carries a copy of the
 * engine in `dist/lua-redis-wasm/` (its JavaScript, the .wasm and its licences; see
 * tsdown.config.ts): the engine's own package declares `engines.node >=22`, which makes npm
 * warn and yarn 1 refuse to install on Node 20, where it runs. Run from the sources (the
 * workspace's tests), the copy is absent and the devDependency is used.
 */
let entries: { cjs: string; mjs: string } | undefined;

export function engineEntries(): { cjs: string; mjs: string } {
  if (entries === undefined) {
    const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
    const copy = join(dirname(here), 'lua-redis-wasm');
    if (existsSync(join(copy, 'index.node.cjs'))) {
      entries = { cjs: join(copy, 'index.node.cjs'), mjs: join(copy, 'index.node.mjs') };
    } else {
      const cjs = createRequire(here).resolve('lua-redis-wasm');
      entries = { cjs, mjs: join(dirname(cjs), 'index.node.mjs') };
    }
  }
  return entries;
}

/** The engine's ES module entry as an import() specifier. */
export function engineModuleUrl(): string {
  return pathToFileURL(engineEntries().mjs).href;
}
